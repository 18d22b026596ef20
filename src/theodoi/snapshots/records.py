"""Read what a plan's records say on a date into the facts ``snapshots.evaluate`` judges.

Only what was accepted by the end of ``as_of`` (Vietnam time) counts: the latest accepted
update of a task's lead agency, accepted indicator figures measured by then, evidence uploaded
by then. Drafts, submissions awaiting review and returned reports never do. Reading the same
records for the same date always gives the same facts, whenever it runs.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef

from theodoi.evaluation import (
    AcceptedUpdate,
    IndicatorSeries,
    Observation,
    Target,
    TaskFacts,
    TaskStatus,
    UpdateState,
)
from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, IndicatorAgency, OfficialFigure, Plan, TaskAgency
from theodoi.reporting.deadlines import DUE_FIELDS, due_of, granted_deadlines
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    TaskUpdate,
)
from theodoi.reporting.versions import judged_updates_before
from theodoi.snapshots.evaluate import (
    IndicatorRow,
    PlanRecords,
    RoundFacts,
    TaskRow,
    evaluate_plan,
    evaluate_plan_text,
)
from theodoi.snapshots.results import SnapshotResults
from theodoi.snapshots.scoring import scoring_config

# A reported status says what the agency did; the rules judge lateness themselves.
_REPORTED = {
    TaskStatus.NOT_STARTED.code: UpdateState.NOT_STARTED,
    TaskStatus.IN_PROGRESS.code: UpdateState.IN_PROGRESS,
    TaskStatus.IN_PROGRESS_LATE.code: UpdateState.IN_PROGRESS,
    TaskStatus.DONE_ON_TIME.code: UpdateState.COMPLETED,
    TaskStatus.DONE_LATE.code: UpdateState.COMPLETED,
    TaskStatus.PAUSED.code: UpdateState.PAUSED,
}
_REPORTED_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED, ReviewState.RETURNED)


def end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the platform's time zone."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), zone)


def current_round(plan: Plan, as_of: datetime.date) -> ReportingRound | None:
    """The round being reported on at ``as_of``: the latest periodic one whose period has
    begun. An ad-hoc round (asked of some tasks only) is no period to score agencies on."""
    return (
        ReportingRound.objects.filter(plan=plan, period_start__lte=as_of, ad_hoc__isnull=True)
        .order_by("-deadline")
        .first()
    )


def successors(ids: set[int], as_of: datetime.date) -> dict[int, int]:
    """Each body to the one carrying its work on ``as_of`` (Organisation.current, batched)."""
    return successors_named(ids, as_of)[0]


def successors_named(ids: set[int], as_of: datetime.date) -> tuple[dict[int, int], dict[int, str]]:
    """:func:`successors`, and the name of each body found: the bodies they resolve to among
    them, read in the same queries."""
    links: dict[int, tuple[int | None, datetime.date | None]] = {}
    names: dict[int, str] = {}
    frontier = set(ids)
    while frontier:
        rows = (
            Organisation.objects.filter(pk__in=frontier)
            .order_by()
            .values_list("pk", "successor_id", "succeeded_on", "name")
        )
        for pk, successor, on, name in rows:
            links[pk] = (successor, on)
            names[pk] = name
        frontier = {s for s, _ in links.values() if s is not None and s not in links}
    resolved = {}
    for start in ids:
        body, seen = start, {start}
        after, since = links.get(body, (None, None))
        while after is not None and since is not None and since <= as_of and after not in seen:
            body = after
            seen.add(body)
            after, since = links.get(body, (None, None))
        resolved[start] = body
    return resolved, names


def evaluate_plan_at(plan: Plan, as_of: datetime.date) -> SnapshotResults:
    """``plan``'s results at ``as_of``, judged now from its records: what a snapshot of that
    date stores, agencies scored under the plan's scoring settings. Snapshots, exports and
    notices all evaluate a plan through this."""
    return evaluate_plan(read_records(plan, as_of=as_of), scoring_config(plan))


def evaluate_plan_text_at(plan: Plan, as_of: datetime.date) -> tuple[SnapshotResults, str]:
    """:func:`evaluate_plan_at`, and the results' text as a snapshot stores them
    (``evaluate.encoded``), written again only where they changed."""
    return evaluate_plan_text(read_records(plan, as_of=as_of), scoring_config(plan))


def read_records(plan: Plan, *, as_of: datetime.date) -> PlanRecords:
    cutoff = end_of(as_of)
    # The plan's rounds from the latest deadline back (the order judged_updates reads them
    # in); the current one is the first periodic one whose period has begun (current_round).
    rounds_read = list(
        plan.rounds.order_by("-deadline", "-pk").values_list(
            "pk", "title", "period_start", "period_end", "deadline", "ad_hoc"
        )
    )
    rounds = [pk for pk, *_ in rounds_read]
    round_ = next(
        (
            RoundRow(pk, title, start, end, deadline)
            for pk, title, start, end, deadline, ad_hoc in rounds_read
            if start <= as_of and ad_hoc is None
        ),
        None,
    )
    tasks = list(
        plan.tasks.filter(archived_at__isnull=True)
        .order_by("position", "pk")
        .values(
            "pk",
            "code",
            "group_id",
            "confidential",
            *DUE_FIELDS,
        )
    )
    indicators = list(
        plan.indicators.filter(archived_at__isnull=True)
        .order_by("position", "pk")
        .values(
            "pk",
            "code",
            "comparator",
            "target",
            "target_max",
            "target_text",
            "year",
            "baseline_value",
            "baseline_year",
        )
    )
    task_agencies = list(
        TaskAgency.objects.filter(task__plan=plan, organisation__isnull=False)
        .order_by("task_id", "role", "position")
        .values_list("task_id", "role", "organisation_id")
    )
    # Unknown bodies too: the first name says who is responsible, known or not.
    indicator_agencies = list(
        IndicatorAgency.objects.filter(indicator__plan=plan)
        .order_by("indicator_id", "position", "pk")
        .values_list("indicator_id", "organisation_id")
    )
    now_body, names = successors_named(
        {o for _, _, o in task_agencies} | {o for _, o in indicator_agencies if o is not None},
        as_of,
    )

    lead: dict[int, list[int]] = defaultdict(list)
    cooperating: dict[int, list[int]] = defaultdict(list)
    for task, role, organisation in task_agencies:
        target = lead if role == AgencyRole.LEAD else cooperating
        if now_body[organisation] not in target[task]:
            target[task].append(now_body[organisation])

    task_ids = [t["pk"] for t in tasks]
    deadline_passed = round_ is not None and round_.deadline < cutoff
    # With the deadline passed, also each task's update accepted before the round began (a
    # task finished by then asks for no more reports), read in the same pass.
    befores = [cutoff]
    if round_ is not None and deadline_passed:
        befores.append(end_of(round_.period_start - datetime.timedelta(days=1)))
    accepted, *before_round = judged_updates_before(
        plan, befores, fields=_JUDGED, tasks=task_ids, rounds=rounds
    )
    extended = granted_deadlines(task_ids, before=cutoff)
    # Whether the agency of each judged update has evidence for its task: asked of those
    # updates only, each answered by its first piece, not by reading every piece ever uploaded.
    evidence = set(
        TaskUpdate.objects.filter(pk__in=[u["pk"] for u in accepted.values()])
        .filter(
            Exists(
                Evidence.objects.filter(
                    task=OuterRef("task"),
                    organisation=OuterRef("organisation"),
                    uploaded_at__lt=cutoff,
                )
            )
        )
        .order_by()  # a set: not sorted by the models' order (joins of rounds and bodies)
        .values_list("task_id", "organisation_id")
    )
    reported_now: set[int] = set()
    reports: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    figures_on_time: set[tuple[int, int]] | None = None
    if round_ is not None:
        reported_now = set(
            TaskUpdate.objects.filter(
                round_id=round_.pk,
                role=AgencyRole.LEAD,
                state=ReviewState.ACCEPTED,
                created_at__lt=cutoff,
            )
            .order_by()
            .values_list("task_id", flat=True)
        )
        if deadline_passed:
            on_time = set(
                TaskUpdate.objects.filter(
                    round_id=round_.pk, state__in=_REPORTED_STATES, created_at__lte=round_.deadline
                )
                .order_by()
                .values_list("task_id", "organisation_id")
            )
            # A task finished and accepted before the round began asks for no more reports.
            finished = {
                task
                for task, update in before_round[0].items()
                if _REPORTED[update["status"]] == UpdateState.COMPLETED
            }
            for task_id in set(task_ids) - finished:
                for agency in lead[task_id] + cooperating[task_id]:
                    reports[task_id][agency] = (1, int((task_id, agency) in on_time))
            figures_on_time = set(
                IndicatorValue.objects.filter(
                    round_id=round_.pk,
                    is_baseline=False,
                    state__in=_REPORTED_STATES,
                    created_at__lte=round_.deadline,
                )
                .order_by()
                .values_list("indicator_id", "organisation_id")
            )

    task_rows = []
    for t in tasks:
        update = accepted.get(t["pk"])
        facts = TaskFacts(
            due=due_of(t, as_of=as_of, extended_on=extended.get(t["pk"])),
            update=_accepted_update(update, (t["pk"], update["organisation_id"]) in evidence)
            if update
            else None,
            reported_this_round=(t["pk"] in reported_now) if round_ is not None else None,
        )
        task_rows.append(
            TaskRow(
                id=t["pk"],
                code=t["code"],
                group_id=t["group_id"],
                confidential=t["confidential"],
                facts=facts,
                lead=tuple(lead[t["pk"]]),
                cooperating=tuple(c for c in cooperating[t["pk"]] if c not in lead[t["pk"]]),
                reports=reports.get(t["pk"], {}),
            )
        )

    indicator_rows = _indicator_rows(
        plan, indicators, indicator_agencies, now_body, as_of, cutoff, figures_on_time
    )
    return PlanRecords(
        as_of=as_of,
        round=RoundFacts(
            round_.pk, round_.title, round_.period_start, round_.period_end, deadline_passed
        )
        if round_
        else None,
        agencies={pk: names[pk] for pk in sorted(set(now_body.values()))},
        tasks=tuple(task_rows),
        indicators=indicator_rows,
    )


_JUDGED = ("pk", "organisation_id", "status", "progress", "completed_on")


@dataclass(frozen=True)
class RoundRow:
    """What a snapshot reads of its current round."""

    pk: int
    title: str
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.datetime


def _accepted_update(update: dict[str, Any], has_evidence: bool) -> AcceptedUpdate:
    state = _REPORTED[update["status"]]
    return AcceptedUpdate(
        state=state,
        progress=update["progress"],
        completed_on=update["completed_on"] if state == UpdateState.COMPLETED else None,
        has_evidence=has_evidence,
    )


def _indicator_rows(
    plan: Plan,
    indicators: Sequence[Mapping[str, Any]],
    indicator_agencies: Sequence[tuple[int, int | None]],
    now_body: dict[int, int],
    as_of: datetime.date,
    cutoff: datetime.datetime,
    figures_on_time: set[tuple[int, int]] | None,
) -> tuple[IndicatorRow, ...]:
    """Each indicator's series and agencies; ``figures_on_time`` holds the (indicator, agency)
    figures given by the round's deadline once it has passed (None before: nothing owed)."""
    agencies: dict[int, list[int]] = defaultdict(list)
    responsible: dict[int, int | None] = {}
    for indicator, organisation in indicator_agencies:
        body = now_body[organisation] if organisation is not None else None
        responsible.setdefault(indicator, body)
        if body is not None and body not in agencies[indicator]:
            agencies[indicator].append(body)
    # Per thread (round and agency, or the baseline) its latest figure that counts: the
    # counted version no later counted one follows (versions.latest_only's rule), chosen here
    # among the counted ones, their threads being the keys of this loop. Asked of the database
    # it is a subquery for each of 2,400 figures a plan at national scale (issue 15).
    figures: dict[tuple[int, int | None, int | None], tuple[float, datetime.date]] = {}
    versions: dict[tuple[int, int | None, int | None], int] = {}
    for pk, round_id, organisation, is_baseline, value, on, version in (
        IndicatorValue.objects.filter(
            indicator__plan=plan,
            state=ReviewState.ACCEPTED,
            created_at__lt=cutoff,
            measured_on__lte=as_of,
        )
        .order_by()
        .values_list(
            "indicator_id",
            "round_id",
            "organisation_id",
            "is_baseline",
            "value",
            "measured_on",
            "version",
        )
    ):
        thread = (pk, None, None) if is_baseline else (pk, round_id, organisation)
        if versions.get(thread, 0) < version:
            versions[thread] = version
            figures[thread] = (value, on)
    values: dict[int, list[Observation]] = defaultdict(list)
    baselines: dict[int, Observation] = {}
    for (pk, thread_round, _), (value, on) in sorted(figures.items(), key=_figure_order):
        if thread_round is None:
            baselines[pk] = Observation(value, on)
        else:
            values[pk].append(Observation(value, on))
    # Figures of official statistics the coordinator entered count as accepted ones.
    for pk, value, on in OfficialFigure.objects.filter(
        indicator__plan=plan, entered_at__lt=cutoff, measured_on__lte=as_of
    ).values_list("indicator_id", "value", "measured_on"):
        values[pk].append(Observation(value, on))
        values[pk].sort(key=lambda observation: observation.on)

    rows = []
    for i in indicators:
        pk = int(i["pk"])
        baseline = baselines.get(pk)
        if baseline is None and i["baseline_value"] is not None and i["baseline_year"]:
            year = int(i["baseline_year"])
            baseline = Observation(float(i["baseline_value"]), datetime.date(year, 12, 31))
        series = IndicatorSeries(
            target=_target(i, as_of), values=tuple(values.get(pk, ())), baseline=baseline
        )
        owner = responsible.get(pk)
        owed = (
            {owner: (1, int((pk, owner) in figures_on_time))}
            if owner is not None and figures_on_time is not None
            else {}
        )
        rows.append(IndicatorRow(pk, str(i["code"]), series, tuple(agencies[pk]), owner, owed))
    return tuple(rows)


def _figure_order(
    item: tuple[tuple[int, int | None, int | None], tuple[float, datetime.date]],
) -> tuple[int, datetime.date, int, int]:
    (pk, round_id, organisation), (_, on) = item
    return pk, on, round_id or 0, organisation or 0


def _target(i: Mapping[str, Any], as_of: datetime.date) -> Target:
    """The indicator's target; a target without a year or a figure is words only."""
    text = str(i["target_text"] or "") or None
    if not i["comparator"] or i["target"] is None or not i["year"]:
        return Target(op=None, value=None, year=int(i["year"] or as_of.year), text=text)
    return Target(
        op=i["comparator"],
        value=float(i["target"]),
        year=int(i["year"]),
        value_max=float(i["target_max"]) if i["target_max"] is not None else None,
        text=text,
    )

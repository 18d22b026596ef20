"""What the coordinator changes in a round once it is open: its dates, a later deadline, an
early lock, a reopening for chosen agencies; and ad-hoc rounds, opened on request for chosen
tasks or agencies (đột xuất khi có yêu cầu, seed 004 §IV).

``dates_problems``, ``extension_problems`` and ``ad_hoc_reach`` decide, as plain functions of
their arguments; the services check who asks and write, atomically and audited. The agencies
concerned hear of an extension and of a reopening through ``reporting.announcements``.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.evaluation.wording import vn_date
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan, TaskAgency
from theodoi.reporting.access import require_coordinator
from theodoi.reporting.announcements import RoundExtended, RoundReopened, announce_after_commit
from theodoi.reporting.errors import ReportingError, refuse
from theodoi.reporting.models import (
    AdHocRound,
    ReportingRound,
    RoundChange,
    RoundChangeKind,
    RoundReopening,
    RoundState,
)
from theodoi.reporting.rounds import open_round, reminder_days_of, reopen_round_for, round_data
from theodoi.texts import too_long
from theodoi.users import User

TITLE_MAX = 200
REASON_MAX = 2000
# A deadline is moved by at most a year; a round longer than that is a new round.
LONGEST_EXTENSION = datetime.timedelta(days=366)
# At most this many tasks or agencies are chosen for an ad-hoc round (a form's bound).
CHOSEN_MAX = 500


def _moment(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%H:%M %d/%m/%Y")


def dates_problems(
    *,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    cut_off: datetime.date,
    closes_on: datetime.date,
) -> list[str]:
    """What is wrong with a round's title and dates, the round closing (its deadline) on
    ``closes_on``; empty when they hold together."""
    problems = []
    text = title.strip()
    if not text:
        problems.append(_("The round needs a title."))
    problems += too_long(
        text, TITLE_MAX, _("The title is %(length)s characters long; at most %(limit)s.")
    )
    if period_start > period_end:
        problems.append(
            _("The period must start (%(start)s) before it ends (%(end)s).")
            % {"start": vn_date(period_start), "end": vn_date(period_end)}
        )
    if closes_on < period_start:
        problems.append(
            _("The round would close on %(closes)s, before it opens on %(opens)s.")
            % {"closes": vn_date(closes_on), "opens": vn_date(period_start)}
        )
    elif not period_start <= cut_off <= closes_on:
        problems.append(
            _(
                "The data cut-off (%(cut_off)s) must fall between the start of the period "
                "(%(start)s) and the deadline (%(closes)s)."
            )
            % {
                "cut_off": vn_date(cut_off),
                "start": vn_date(period_start),
                "closes": vn_date(closes_on),
            }
        )
    return problems


def extension_problems(
    *, old: datetime.datetime, new: datetime.datetime | None, now: datetime.datetime
) -> list[str]:
    """What is wrong with moving a round's deadline from ``old`` to ``new`` at ``now``."""
    if new is None:
        return [_("Give the new deadline.")]
    if new <= old:
        return [
            _("The new deadline (%(new)s) must be later than the current one, %(old)s.")
            % {"new": _moment(new), "old": _moment(old)}
        ]
    if new <= now:
        return [_("The new deadline (%(new)s) must be in the future.") % {"new": _moment(new)}]
    if new - old > LONGEST_EXTENSION:
        return [
            _(
                "The new deadline (%(new)s) is more than a year after the current one; open a "
                "new round instead."
            )
            % {"new": _moment(new)}
        ]
    return []


@dataclass(frozen=True)
class Reach:
    """The tasks reported in an ad-hoc round and the agencies that report them."""

    tasks: frozenset[int]
    agencies: frozenset[int]
    problems: tuple[str, ...] = ()


def ad_hoc_reach(
    chosen_tasks: Collection[int],
    chosen_agencies: Collection[int],
    agencies_of: Mapping[int, Collection[int]],
    codes: Mapping[int, str] | None = None,
) -> Reach:
    """Who reports what in an ad-hoc round. ``agencies_of`` maps each live task of the plan
    to the agencies named on it.

    Tasks chosen alone: those tasks, by every agency named on them. Agencies chosen alone:
    every task they are named on. Both: the chosen tasks, by the chosen agencies, each task
    having at least one of them. No task at all is refused."""
    codes = codes or {}
    agencies_chosen = frozenset(chosen_agencies)
    unknown = [t for t in chosen_tasks if t not in agencies_of]
    if unknown:
        return Reach(
            frozenset(), frozenset(), (_("A chosen task is not a live task of this plan."),)
        )
    if len(chosen_tasks) > CHOSEN_MAX or len(agencies_chosen) > CHOSEN_MAX:
        return Reach(
            frozenset(),
            frozenset(),
            (
                _("At most %(limit)s tasks and %(limit)s agencies can be chosen.")
                % {"limit": CHOSEN_MAX},
            ),
        )
    if chosen_tasks:
        tasks = frozenset(chosen_tasks)
    else:
        tasks = frozenset(t for t, named in agencies_of.items() if agencies_chosen & set(named))
    if not tasks:
        message = (
            _(
                "The chosen agencies have no task in this plan; an ad-hoc round needs at least "
                "one task."
            )
            if agencies_chosen
            else _("Choose at least one task, or the agencies whose tasks are to be reported.")
        )
        return Reach(frozenset(), frozenset(), (message,))
    if agencies_chosen:
        stray = sorted(
            codes.get(t, str(t)) for t in tasks if not agencies_chosen & set(agencies_of[t])
        )
        if stray:
            return Reach(
                tasks,
                agencies_chosen,
                (
                    _("None of the chosen agencies is named on task %(codes)s.")
                    % {"codes": ", ".join(stray)},
                ),
            )
        return Reach(tasks, agencies_chosen)
    return Reach(tasks, frozenset(a for t in tasks for a in agencies_of[t]))


def _locked_round(round_: ReportingRound, by: User) -> ReportingRound:
    require_coordinator(by, round_.plan)
    locked = ReportingRound.objects.select_for_update().select_related("plan").get(pk=round_.pk)
    if locked.state == RoundState.CLOSED:
        raise ReportingError(_("The round is closed; it cannot be changed."))
    return locked


@transaction.atomic
def edit_round(
    round_: ReportingRound,
    *,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    cut_off: datetime.date,
    reminder_days: Sequence[int],
    by: User,
    now: datetime.datetime,
) -> ReportingRound:
    """Correct a round's title, period, data cut-off and reminder days; its deadline moves
    only through :func:`extend_round` or :func:`lock_round_early`."""
    round_ = _locked_round(round_, by)
    refuse(
        dates_problems(
            title=title,
            period_start=period_start,
            period_end=period_end,
            cut_off=cut_off,
            closes_on=timezone.localdate(round_.deadline),
        )
    )
    days = reminder_days_of(reminder_days)
    before = round_data(round_)
    round_.title = title.strip()
    round_.period_start, round_.period_end, round_.cut_off = period_start, period_end, cut_off
    round_.reminder_days = days
    round_.save(update_fields=["title", "period_start", "period_end", "cut_off", "reminder_days"])
    after = round_data(round_)
    if after != before:
        record(Action.ROUND_EDITED, round_, by=by, now=now, before=before, after=after)
    return round_


def _change(
    round_: ReportingRound,
    kind: RoundChangeKind,
    deadline: datetime.datetime,
    state: RoundState,
    action: Action,
    *,
    by: User,
    now: datetime.datetime,
) -> RoundChange:
    before = {"deadline": round_.deadline.isoformat(), "state": round_.state}
    change = RoundChange.objects.create(
        round=round_, kind=kind, old_deadline=round_.deadline, new_deadline=deadline, at=now, by=by
    )
    round_.deadline, round_.state = deadline, state
    round_.save(update_fields=["deadline", "state"])
    record(
        action,
        round_,
        by=by,
        now=now,
        before=before,
        after={"deadline": deadline.isoformat(), "state": state},
    )
    return change


@transaction.atomic
def extend_round(
    round_: ReportingRound, *, deadline: datetime.datetime, by: User, now: datetime.datetime
) -> ReportingRound:
    """Move the round's deadline later; a round locked at its deadline opens again for every
    agency until the new one."""
    round_ = _locked_round(round_, by)
    refuse(extension_problems(old=round_.deadline, new=deadline, now=now))
    if ReportingRound.objects.filter(plan=round_.plan_id, deadline=deadline).exists():
        raise ReportingError(_("This plan already has a round with this deadline."))
    change = _change(
        round_,
        RoundChangeKind.EXTENDED,
        deadline,
        RoundState.OPEN,
        Action.ROUND_EXTENDED,
        by=by,
        now=now,
    )
    announce_after_commit(RoundExtended(change.pk, now))
    return round_


@transaction.atomic
def lock_round_early(round_: ReportingRound, *, by: User, now: datetime.datetime) -> ReportingRound:
    """Lock an open round now, before its deadline: its deadline becomes now, so what came in
    until now is on time and nothing more comes in unless reopened for an agency."""
    round_ = _locked_round(round_, by)
    if round_.state != RoundState.OPEN or round_.deadline <= now:
        raise ReportingError(_("The round is already locked."))
    _change(
        round_,
        RoundChangeKind.LOCKED,
        now,
        RoundState.LOCKED,
        Action.ROUND_LOCKED_EARLY,
        by=by,
        now=now,
    )
    return round_


@transaction.atomic
def reopen_round_for_agencies(
    round_: ReportingRound,
    organisations: Sequence[Organisation],
    *,
    until: datetime.datetime,
    by: User,
    now: datetime.datetime,
) -> list[RoundReopening]:
    """Let each chosen agency report in a locked round until ``until``; all or none."""
    if not organisations:
        raise ReportingError(_("Choose at least one agency to reopen the round for."))
    if len(organisations) > CHOSEN_MAX:
        raise ReportingError(_("At most %(limit)s agencies can be chosen.") % {"limit": CHOSEN_MAX})
    reopenings = [
        reopen_round_for(round_, organisation, by=by, until=until, now=now)
        for organisation in organisations
    ]
    announce_after_commit(RoundReopened(tuple(r.pk for r in reopenings), now))
    return reopenings


def ad_hoc_agencies(plan: Plan) -> QuerySet[Organisation]:
    """The organisations an ad-hoc round of ``plan`` can ask: those named on its live tasks,
    each with its parent (it is named with it), by name."""
    return (
        Organisation.objects.filter(
            pk__in=plan.tasks.filter(archived_at__isnull=True).values("agencies__organisation")
        )
        .select_related("parent")
        .order_by("name", "pk")
    )


def plan_task_agencies(plan: Plan) -> tuple[dict[int, set[int]], dict[int, str]]:
    """Each live task of ``plan`` with the agencies named on it, and its code."""
    agencies: dict[int, set[int]] = {
        pk: set() for pk in plan.tasks.filter(archived_at__isnull=True).values_list("pk", flat=True)
    }
    codes = dict(plan.tasks.filter(pk__in=agencies).values_list("pk", "code"))
    for task_id, organisation_id in TaskAgency.objects.filter(
        task_id__in=agencies, organisation__isnull=False
    ).values_list("task_id", "organisation_id"):
        agencies[task_id].add(organisation_id)
    return agencies, codes


@transaction.atomic
def open_ad_hoc_round(
    plan: Plan,
    *,
    title: str,
    reason: str,
    tasks: Collection[int],
    organisations: Collection[int],
    deadline: datetime.datetime,
    by: User,
    now: datetime.datetime,
) -> ReportingRound:
    """Open a round on request, now until ``deadline``, in which only the chosen tasks are
    reported, by the chosen agencies (``ad_hoc_reach``)."""
    require_coordinator(by, plan)
    refuse(
        too_long(
            reason.strip(),
            REASON_MAX,
            _("The reason is %(length)s characters long; at most %(limit)s are kept."),
        )
    )
    agencies_of, codes = plan_task_agencies(plan)
    reach = ad_hoc_reach(tasks, organisations, agencies_of, codes)
    today = timezone.localdate(now)
    problems = list(reach.problems)
    if deadline <= now:
        problems.append(
            _("The round would close on %(closes)s, before it opens on %(opens)s.")
            % {"closes": _moment(deadline), "opens": _moment(now)}
        )
    refuse(problems)
    round_ = open_round(
        plan,
        title=title,
        period_start=today,
        period_end=timezone.localdate(deadline),
        cut_off=today,
        deadline=deadline,
        by=by,
        now=now,
    )
    ad_hoc = AdHocRound.objects.create(round=round_, reason=reason.strip())
    ad_hoc.tasks.set(sorted(reach.tasks))
    ad_hoc.organisations.set(sorted(reach.agencies))
    record(
        Action.ROUND_AD_HOC_OPENED,
        round_,
        by=by,
        now=now,
        after={
            "reason": ad_hoc.reason,
            "tasks": sorted(reach.tasks),
            "organisations": sorted(reach.agencies),
        },
    )
    return round_

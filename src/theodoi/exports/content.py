"""What a report says, read once from the records and the rules, for the Word and Excel writers.

Every judgement (a task's status, an indicator's progress) is ``theodoi.evaluation``'s, through
``theodoi.snapshots.records.evaluate_plan_at``; this module only gathers it with the plan's own
words (tasks, agencies and times as written) and what agencies reported in accepted updates.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from theodoi.directives.services import visible_directives
from theodoi.evaluation import TaskStatus
from theodoi.orgs.models import Organisation, OrganisationAlias, OrganisationKind
from theodoi.plans.models import AgencyRole, Indicator, Plan, TaskAgency
from theodoi.reporting.access import persona, visible_tasks
from theodoi.reporting.fields import InReports, fields_in
from theodoi.reporting.models import ReportingRound, ReviewState, TaskUpdate
from theodoi.reporting.versions import judged_updates, latest_only
from theodoi.snapshots.records import end_of, evaluate_plan_at
from theodoi.snapshots.results import IndicatorResult, TaskResult
from theodoi.users import AnyUser


@dataclass(frozen=True)
class TaskLine:
    code: str
    title: str
    lead: str
    cooperating: str
    due_text: str
    expected_output: str
    status: str
    status_label: str
    progress: int | None
    # What the lead agency's latest accepted update says in each TASK_LINE field, by name.
    reported: dict[str, str]
    overdue: bool


@dataclass(frozen=True)
class GroupBlock:
    code: str
    title: str
    tasks: tuple[TaskLine, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(task.status for task in self.tasks)

    @property
    def overdue(self) -> int:
        return sum(1 for task in self.tasks if task.overdue)


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    unit: str
    target_text: str
    target: float | None
    year: int | None
    latest_value: float | None
    latest_on: datetime.date | None
    band_label: str
    why: str


@dataclass(frozen=True)
class Remark:
    """A difficulty or a proposal an agency wrote in an accepted update."""

    organisation: str
    task_code: str
    text: str


@dataclass(frozen=True)
class DirectiveLine:
    """A directive given on the plan, open or answered, as the report lists it."""

    agency: str
    task_code: str
    text: str
    due: datetime.date
    answered: bool
    answer: str


@dataclass(frozen=True)
class Issuer:
    """Who issues the report (Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body under the
    body that governs it) and the place written before the date."""

    superior: str
    name: str
    place: str


@dataclass(frozen=True)
class PlanReport:
    plan: Plan
    as_of: datetime.date
    round: ReportingRound | None
    issuer: Issuer
    groups: tuple[GroupBlock, ...]
    indicators: tuple[IndicatorLine, ...]
    # The remarks of each REMARK field, by name (empty without a round).
    remarks: dict[str, tuple[Remark, ...]] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    # The directives the reader may see, open ones first, each with its answer.
    directives: tuple[DirectiveLine, ...] = ()

    @property
    def tasks(self) -> list[TaskLine]:
        return [task for group in self.groups for task in group.tasks]


def _names(mentions: list[TaskAgency]) -> str:
    # The name as the plan wrote it: the plan is shown as issued (DESIGN.md, Organisations).
    return "; ".join(mention.name for mention in mentions)


def _province(organisation: Organisation | None) -> Organisation | None:
    while organisation is not None and organisation.kind != OrganisationKind.PROVINCE:
        organisation = organisation.parent
    return organisation


def issuer_of(user: AnyUser, today: datetime.date) -> Issuer:
    """The person's agency under its province's People's Committee; dots where unknown."""
    organisation = persona(user).organisation
    province = _province(organisation)
    superior, place = "", "......"
    if province is not None:
        province = province.current(today)
        place = province.name
        # Its aliases hold "Ủy ban nhân dân tỉnh" or "... thành phố" (a centrally run city).
        committee = (
            OrganisationAlias.objects.filter(
                organisation=province, name__startswith="Ủy ban nhân dân "
            )
            .values_list("name", flat=True)
            .first()
        ) or "Ủy ban nhân dân tỉnh"
        superior = committee if province.name in committee else f"{committee} {province.name}"
    if organisation is None or organisation == province:
        return Issuer(superior="", name=superior or "......", place=place)
    return Issuer(superior=superior, name=organisation.name, place=place)


def _remarks(round_: ReportingRound | None) -> dict[str, tuple[Remark, ...]]:
    """What each REMARK field says in the latest accepted update of each agency and task."""
    latest: list[TaskUpdate] = []
    if round_ is not None:
        accepted = Q(state=ReviewState.ACCEPTED)
        latest = list(
            latest_only(TaskUpdate.objects.filter(accepted, round=round_), among=accepted)
            .select_related("organisation", "task")
            .order_by("task__position", "organisation__name")
        )
    return {
        f.name: tuple(
            Remark(u.organisation.name, u.task.code, getattr(u, f.name))
            for u in latest
            if getattr(u, f.name)
        )
        for f in fields_in(InReports.REMARK)
    }


def _directives(plan: Plan, user: AnyUser, cutoff: datetime.datetime) -> tuple[DirectiveLine, ...]:
    """The directives given on ``plan`` before ``cutoff`` that ``user`` may read; an answer
    given after the cut-off is not yet one."""
    rows = (
        visible_directives(user)
        .filter(plan=plan, issued_at__lt=cutoff)
        .select_related("task", "agency")
        .order_by("due", "pk")
    )
    lines = [
        DirectiveLine(
            agency=row.agency.name,
            task_code=row.task.code if row.task else "",
            text=row.text,
            due=row.due,
            answered=row.answered_at is not None and row.answered_at < cutoff,
            answer=row.answer if row.answered_at is not None and row.answered_at < cutoff else "",
        )
        for row in rows
    ]
    return tuple(sorted(lines, key=lambda line: line.answered))


def _last_reported(plan: Plan, cutoff: datetime.datetime) -> dict[int, dict[str, str]]:
    """What the lead agency wrote in the TASK_LINE fields of each task's latest accepted update
    (the update the rules judge the task by), accepted before ``cutoff``."""
    names = [f.name for f in fields_in(InReports.TASK_LINE)]
    judged = judged_updates(plan, before=cutoff, fields=names)
    return {task_id: {name: row[name] for name in names} for task_id, row in judged.items()}


def _indicator(row: IndicatorResult, indicator: Indicator) -> IndicatorLine:
    # The latest accepted figure, even when it is the only one (progress then needs two).
    latest = row["values"][-1] if row["values"] else None
    return IndicatorLine(
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        target_text=indicator.target_text,
        target=indicator.target,
        year=indicator.year,
        latest_value=float(latest[1]) if latest else None,
        latest_on=datetime.date.fromisoformat(str(latest[0])) if latest else None,
        band_label=row["band_label"],
        why=row["why"],
    )


def plan_report(
    plan: Plan,
    *,
    user: AnyUser,
    as_of: datetime.date,
    round_: ReportingRound | None = None,
) -> PlanReport:
    """Everything a report of ``plan`` at ``as_of`` says, with the tasks ``user`` may see;
    with ``round_``, the difficulties and proposals reported in it."""
    results = evaluate_plan_at(plan, as_of)
    judged = {row["id"]: row for row in results["tasks"]}
    reported = _last_reported(plan, end_of(as_of))
    mentions = TaskAgency.objects.order_by("position")
    tasks = (
        visible_tasks(user)
        .filter(plan=plan)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch("agencies", mentions.filter(role=AgencyRole.LEAD), to_attr="leads"),
            Prefetch(
                "agencies", mentions.filter(role=AgencyRole.COOPERATING), to_attr="cooperators"
            ),
        )
    )
    by_group: dict[int | None, list[TaskLine]] = {}
    for task in tasks:
        row = judged[task.pk]
        by_group.setdefault(task.group_id, []).append(
            TaskLine(
                code=task.code,
                title=task.title,
                lead=_names(task.leads),
                cooperating=_names(task.cooperators),
                due_text=_due_text(task.due_text, row),
                expected_output=task.expected_output,
                status=row["status"],
                status_label=row["status_label"],
                progress=row["progress"],
                reported=reported.get(task.pk, {}),
                overdue=row["overdue"],
            )
        )
    groups = [
        GroupBlock(group.code, group.title, tuple(by_group[group.pk]))
        for group in plan.groups.order_by("position")
        if group.pk in by_group
    ]
    if None in by_group:
        groups.append(GroupBlock("", "", tuple(by_group[None])))
    indicators = {i.pk: i for i in plan.indicators.filter(archived_at__isnull=True)}
    counts = Counter(task.status for group in groups for task in group.tasks)
    return PlanReport(
        plan=plan,
        as_of=as_of,
        round=round_,
        issuer=issuer_of(user, as_of),
        groups=tuple(groups),
        indicators=tuple(_indicator(row, indicators[row["id"]]) for row in results["indicators"]),
        remarks=_remarks(round_),
        status_counts={status.code: counts.get(status.code, 0) for status in TaskStatus},
        directives=_directives(plan, user, end_of(as_of)),
    )


def _due_text(written: str, row: TaskResult) -> str:
    """The time as written, and for a task granted an extension (đã gia hạn) the granted day
    with the plan's own beside it."""
    original = row.get("original_due_on")
    if not original or not row["due_on"]:
        return written
    extended = _("extended until %(day)s (original deadline %(original)s)") % {
        "day": datetime.date.fromisoformat(row["due_on"]).strftime("%d/%m/%Y"),
        "original": datetime.date.fromisoformat(original).strftime("%d/%m/%Y"),
    }
    return f"{written} ({extended})" if written else extended

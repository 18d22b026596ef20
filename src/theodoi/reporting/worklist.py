"""What one agency has to report in a round: its tasks and indicators, each with the latest
version of its report. The update page, the workbook and the review queue read these."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.reporting.access import round_indicators_of, round_tasks_of
from theodoi.reporting.deadlines import Deadline, deadlines_of
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    TaskUpdate,
)
from theodoi.reporting.values import last_accepted_figures
from theodoi.reporting.versions import latest_by, latest_only


@dataclass
class TaskItem:
    task: Task
    role: str
    latest: TaskUpdate | None
    evidence: list[Evidence] = field(default_factory=list)
    # The deadline in force, with the plan's own day when extended (reporting.deadlines).
    deadline: Deadline | None = None

    @property
    def version(self) -> int:
        return self.latest.version if self.latest else 0


@dataclass
class IndicatorItem:
    indicator: Indicator
    latest: IndicatorValue | None
    previous: float | None
    # The indicator's baseline as entered in theodoi, any agency's, latest version.
    baseline: IndicatorValue | None = None

    @property
    def version(self) -> int:
        return self.latest.version if self.latest else 0

    @property
    def baseline_open(self) -> bool:
        """The baseline can still be entered: the plan gives none and no agency's baseline
        is awaiting review or accepted."""
        if self.indicator.baseline_value is not None:
            return False
        return self.baseline is None or self.baseline.state in {
            ReviewState.DRAFT,
            ReviewState.RETURNED,
        }


def agency_tasks(
    round_: ReportingRound, organisation: Organisation, *, only: Task | None = None
) -> list[TaskItem]:
    """The agency's line of each task it reports on in the round; with ``only``, that task's
    line alone (none when the agency does not report on it)."""
    lineage = organisation.lineage_ids()
    tasks = round_tasks_of(round_, organisation).order_by("position").prefetch_related("agencies")
    reports = Q(round=round_, organisation=organisation)
    if only is not None:
        tasks = tasks.filter(pk=only.pk)
        reports &= Q(task=only)
    latest = latest_by(TaskUpdate.objects.filter(reports), "task_id")
    evidence: dict[int, list[Evidence]] = {}
    for item in Evidence.objects.filter(reports):
        evidence.setdefault(item.task_id, []).append(item)
    items = []
    deadlines = deadlines_of(tasks)
    for task in tasks:
        roles = {a.role for a in task.agencies.all() if a.organisation_id in lineage}
        role = AgencyRole.LEAD if AgencyRole.LEAD in roles else AgencyRole.COOPERATING
        items.append(
            TaskItem(task, role, latest.get(task.pk), evidence.get(task.pk, []), deadlines[task.pk])
        )
    return items


def agency_task(round_: ReportingRound, organisation: Organisation, task: Task) -> TaskItem | None:
    """The agency's line of ``task`` in the round, or None when it does not report on it."""
    return next(iter(agency_tasks(round_, organisation, only=task)), None)


def agency_indicators(round_: ReportingRound, organisation: Organisation) -> list[IndicatorItem]:
    indicators = round_indicators_of(round_, organisation).order_by("position")
    latest = latest_by(
        IndicatorValue.objects.filter(round=round_, organisation=organisation, is_baseline=False),
        "indicator_id",
    )
    baselines = latest_by(
        IndicatorValue.objects.filter(indicator__in=indicators, is_baseline=True), "indicator_id"
    )
    previous = last_accepted_figures(indicators, round_)
    return [
        IndicatorItem(i, latest.get(i.pk), previous[i.pk], baselines.get(i.pk)) for i in indicators
    ]


def plan_organisations(round_: ReportingRound) -> QuerySet[Organisation]:
    """The organisations named on the tasks or indicators of the round's plan."""
    return named_organisations(round_.plan)


def named_organisations(plan: Plan) -> QuerySet[Organisation]:
    """The organisations named on the tasks or indicators of ``plan``, by name."""
    return (
        Organisation.objects.filter(
            Q(pk__in=plan.tasks.values("agencies__organisation"))
            | Q(pk__in=plan.indicators.values("agencies__organisation"))
        )
        .select_related("parent")
        .order_by("name")
    )  # an agency is named with its parent


def review_queue(
    round_: ReportingRound,
) -> tuple[QuerySet[TaskUpdate], QuerySet[IndicatorValue]]:
    """The submitted task updates and figures of a round awaiting the coordinator."""
    updates = latest_only(
        TaskUpdate.objects.filter(round=round_, state=ReviewState.SUBMITTED)
    ).select_related("task", "organisation__parent")
    values = latest_only(
        IndicatorValue.objects.filter(round=round_, state=ReviewState.SUBMITTED)
    ).select_related("indicator", "organisation__parent")
    return updates.order_by("organisation__name", "task__position"), values.order_by(
        "organisation__name", "indicator__position"
    )

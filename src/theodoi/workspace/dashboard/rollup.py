"""What the roll-up pages read: the plans of a province (its former provinces' included) or of
the whole country, each with the counts of its latest evaluation as the reader may see them.

The cache key is read apart (``keys.rollup_key``, statements that never read the stored
results); :func:`plan_lines` reads the snapshots' results only when the page is not in the
cache."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from theodoi.evaluation.rollup import PlanFigures
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.models import PLAN_DOCUMENTS, Plan, PlanStatus
from theodoi.reporting.access import Who, reads_every_task_of, visible_plans, visible_tasks
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.reading import Summary, counted_summaries
from theodoi.snapshots.records import successors
from theodoi.snapshots.services import latest_snapshots


@dataclass(frozen=True)
class PlanLine:
    """A plan in a roll-up's table: the plan, its counts, the day of its evaluation, and the
    former province it was issued by when that is not the one it now belongs to."""

    plan: Plan
    figures: PlanFigures
    as_of: datetime.date | None
    issued_by: Organisation | None

    @property
    def completion(self) -> float | None:
        return self.figures.done / self.figures.tasks if self.figures.tasks else None


def rolled_up_plans(who: Who, *, within: Organisation | None = None) -> QuerySet[Plan]:
    """The published plans of provinces and ministries ``who`` may see (the national plans
    are the nation's own, not a province's), of ``within``'s lineage when given."""
    plans = visible_plans(who).filter(province__isnull=False, status=PlanStatus.PUBLISHED)
    if within is not None:
        plans = plans.filter(province_id__in=within.lineage_ids())
    return plans.defer(*PLAN_DOCUMENTS).order_by("pk")


def _summaries(
    who: Who, plans: list[Plan], latest: dict[int, tuple[int, str]]
) -> dict[int, tuple[datetime.date, Summary]]:
    """Each evaluated plan's day of evaluation and summary as ``who`` may read it.

    A reader of every task reads the summary the snapshot stored, taken from the database
    alone (``results -> summary -> all -> plan``): the list of tasks, most of a snapshot, is
    neither read nor decoded. Others count the tasks they may see."""
    whole = {p.pk for p in plans if reads_every_task_of(who, p)}
    chosen = {plan: snapshot for plan, (snapshot, _digest) in latest.items()}
    out: dict[int, tuple[datetime.date, Summary]] = {}
    stored = PlanSnapshot.objects.filter(pk__in=[chosen[p] for p in whole if p in chosen])
    for plan, as_of, summary in stored.values_list(
        "plan_id", "as_of", "results__summary__all__plan"
    ):
        out[plan] = (as_of, Summary.of(summary))
    partial = [p.pk for p in plans if p.pk not in whole and p.pk in chosen]
    if partial:
        readable = set(visible_tasks(who).filter(plan__in=partial).values_list("pk", flat=True))
        out.update(counted_summaries([chosen[p] for p in partial], readable))
    return out


def plan_lines(who: Who, plans: QuerySet[Plan], today: datetime.date) -> list[PlanLine]:
    """Each plan with the counts of its latest snapshot: every task for a staff reader of its
    scope who reads confidential ones, else only the tasks ``who`` may see (so the figures
    match the lists behind them)."""
    rows = list(plans.select_related("province"))
    judged = _summaries(who, rows, latest_snapshots(plans, as_of=today))
    current = successors({p.province_id for p in rows if p.province_id is not None}, today)
    lines = []
    for plan in rows:
        assert plan.province_id is not None  # rolled_up_plans keeps provincial plans only
        scope = current[plan.province_id]
        as_of, summary = judged.get(plan.pk, (None, None))
        if summary is None:
            figures = PlanFigures(plan=plan.pk, scope=scope, evaluated=False)
        else:
            figures = PlanFigures(
                plan=plan.pk,
                scope=scope,
                evaluated=True,
                tasks=summary.total,
                done=summary.done,
                on_time=summary.count("done_on_time"),
                overdue=summary.overdue,
            )
        lines.append(
            PlanLine(
                plan=plan,
                figures=figures,
                as_of=as_of,
                issued_by=plan.province if plan.province_id != scope else None,
            )
        )
    return lines


def current_provinces() -> QuerySet[Organisation]:
    """The 34 provinces and cities of 1/7/2025 (those with no successor)."""
    return Organisation.objects.filter(kind=OrganisationKind.PROVINCE, successor__isnull=True)


def scope_named(pk: int, today: datetime.date) -> Organisation | None:
    """The province or ministry ``pk`` names, or the one that succeeded it; None if ``pk``
    names no province or ministry."""
    found = Organisation.objects.filter(
        pk=pk, kind__in=(OrganisationKind.PROVINCE, OrganisationKind.MINISTRY)
    ).first()
    return found.current(today) if found is not None else None

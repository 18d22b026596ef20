"""Loading ``snapshots.synth``'s national data set into the database with bulk inserts, and
removing it again. Only plans marked synthetic are ever touched."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanKind,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
)
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    RoundState,
    TaskUpdate,
)
from theodoi.snapshots import synth

BATCH = 2000


@dataclass(frozen=True)
class Loaded:
    plans: int
    tasks: int
    indicators: int
    updates: int
    values: int


def provinces(limit: int | None = None) -> list[synth.Province]:
    """Today's provinces with their active departments (the agencies plans assign)."""
    found = []
    for province in Organisation.objects.filter(
        kind=OrganisationKind.PROVINCE, active=True, successor__isnull=True
    ).order_by("pk")[:limit]:
        agencies = tuple(
            synth.Agency(pk, name)
            for pk, name in province.children.filter(
                kind=OrganisationKind.DEPARTMENT, active=True, successor__isnull=True
            )
            .order_by("pk")
            .values_list("pk", "name")
        )
        if agencies:
            found.append(synth.Province(province.pk, province.name, agencies))
    return found


def synthetic_plans() -> list[Plan]:
    return list(Plan.objects.filter(number__startswith=synth.NUMBER_PREFIX, issuer=synth.ISSUER))


@transaction.atomic
def remove_synthetic(*, now: datetime.datetime) -> int:
    plans = synthetic_plans()
    ids = [p.pk for p in plans]
    Evidence.objects.filter(task__plan_id__in=ids).delete()
    TaskUpdate.objects.filter(task__plan_id__in=ids).delete()
    IndicatorValue.objects.filter(indicator__plan_id__in=ids).delete()
    ReportingRound.objects.filter(plan_id__in=ids).delete()
    Plan.objects.filter(pk__in=ids).delete()
    if ids:
        record(Action.SYNTH_REMOVED, None, by=None, now=now, after={"plans": len(ids)})
    return len(ids)


@transaction.atomic
def load_synthetic(plans: list[synth.SynthPlan], *, now: datetime.datetime) -> Loaded:
    rows = [_plan(p, now) for p in plans]
    Plan.objects.bulk_create(rows)
    counts = [0, 0, 0, 0]
    for plan, row in zip(plans, rows, strict=True):
        groups = TaskGroup.objects.bulk_create(
            TaskGroup(plan=row, code=_roman(i + 1), title=title, position=i)
            for i, title in enumerate(plan.groups)
        )
        tasks = Task.objects.bulk_create(
            Task(
                plan=row,
                group=groups[t.group],
                key=t.key,
                code=t.code,
                position=i,
                title=t.title,
                expected_output=t.expected_output,
                due_text=t.due_text,
                due_kind=t.due_kind,
                due_start_year=t.due_start_year,
                due_end_year=t.due_end_year,
                due_quarter=t.due_quarter,
                confidential=t.confidential,
            )
            for i, t in enumerate(plan.tasks)
        )
        names = {a.id: a.name for a in plan.province.agencies}
        TaskAgency.objects.bulk_create(
            (
                TaskAgency(task=task, role=role, name=names[o], organisation_id=o, position=n)
                for task, t in zip(tasks, plan.tasks, strict=True)
                for role, orgs in (
                    (AgencyRole.LEAD, t.lead),
                    (AgencyRole.COOPERATING, t.cooperating),
                )
                for n, o in enumerate(orgs)
            ),
            batch_size=BATCH,
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                plan=row,
                key=i.key,
                code=i.code,
                position=n,
                name=i.name,
                unit=i.unit,
                target_text=i.target_text,
                comparator=i.comparator,
                target=i.target,
                year=i.year,
                baseline_value=i.baseline_value,
                baseline_year=i.baseline_year,
            )
            for n, i in enumerate(plan.indicators)
        )
        IndicatorAgency.objects.bulk_create(
            IndicatorAgency(indicator=ind, name=names[o], organisation_id=o, position=n)
            for ind, i in zip(indicators, plan.indicators, strict=True)
            for n, o in enumerate(i.agencies)
        )
        rounds = ReportingRound.objects.bulk_create(
            ReportingRound(
                plan=row,
                title=r.title,
                period_start=r.period_start,
                period_end=r.period_end,
                cut_off=r.cut_off,
                deadline=r.deadline,
                state=RoundState.CLOSED,
                opened_at=r.deadline - datetime.timedelta(days=30),
            )
            for r in plan.rounds
        )
        TaskUpdate.objects.bulk_create(
            (
                TaskUpdate(
                    round=rounds[u.round],
                    task=tasks[u.task],
                    organisation_id=u.organisation,
                    role=u.role,
                    version=1,
                    state=u.state,
                    return_reason="Bổ sung minh chứng (mô phỏng)."
                    if u.state == ReviewState.RETURNED
                    else "",
                    created_at=u.created_at,
                    status=u.status,
                    progress=u.progress,
                    completed_on=u.completed_on,
                    results=f"Kết quả thực hiện ({synth.MARK}).",
                )
                for u in plan.updates
            ),
            batch_size=BATCH,
        )
        Evidence.objects.bulk_create(
            (
                Evidence(
                    round=rounds[u.round],
                    task=tasks[u.task],
                    organisation_id=u.organisation,
                    file=f"synth/{synth.MARK}.pdf",
                    filename=f"minh-chung-{synth.MARK}.pdf",
                    sha256=hashlib.sha256(
                        f"{row.number}:{u.task}:{u.round}:{u.organisation}".encode()
                    ).hexdigest(),
                    size=1,
                    content_type="application/pdf",
                    uploaded_at=u.created_at,
                )
                for u in plan.updates
                if u.evidence
            ),
            batch_size=BATCH,
        )
        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(
                    indicator=indicators[v.indicator],
                    round=rounds[v.round if v.round is not None else 0],
                    organisation_id=v.organisation,
                    version=1,
                    state=ReviewState.ACCEPTED,
                    created_at=v.created_at,
                    value=v.value,
                    measured_on=v.measured_on,
                    is_baseline=v.round is None,
                    source=synth.MARK,
                )
                for v in plan.values
            ),
            batch_size=BATCH,
        )
        counts[0] += len(tasks)
        counts[1] += len(indicators)
        counts[2] += len(plan.updates)
        counts[3] += len(plan.values)
    record(Action.SYNTH_LOADED, None, by=None, now=now, after={"plans": len(rows)})
    return Loaded(len(rows), *counts)


def _plan(plan: synth.SynthPlan, now: datetime.datetime) -> Plan:
    return Plan(
        number=plan.number,
        kind=PlanKind.KE_HOACH,
        title=plan.title,
        issuer=synth.ISSUER,
        province_id=plan.province.id,
        issued_on=plan.issued_on,
        status=PlanStatus.PUBLISHED,
        published_at=now,
        extracted_json={"synthetic": True},
    )


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out

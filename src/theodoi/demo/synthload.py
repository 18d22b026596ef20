"""Loading ``demo.synth``'s national data set into the database with bulk inserts, and
removing it again. Only plans marked synthetic are ever touched."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.demo import synth
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

BATCH = 2000
Row = TypeVar("Row", bound=models.Model)


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


def _copied(record: object, model: type[Row], **links: Any) -> Row:
    """A row of ``model`` with the fields ``record`` (a synth dataclass) shares with it by
    name, and ``links`` for the rest (its plan, its position, keys in place of indexes)."""
    names = {
        f.name
        for f in model._meta.concrete_fields
        if f.name not in links and f.attname not in links
    }
    shared = {name: value for name, value in vars(record).items() if name in names}
    return model(**shared, **links)


def _load_tasks(plan: synth.SynthPlan, row: Plan, names: dict[int, str]) -> list[Task]:
    groups = TaskGroup.objects.bulk_create(
        TaskGroup(plan=row, code=_roman(i + 1), title=title, position=i)
        for i, title in enumerate(plan.groups)
    )
    tasks = Task.objects.bulk_create(
        _copied(t, Task, plan=row, group=groups[t.group], position=i)
        for i, t in enumerate(plan.tasks)
    )
    TaskAgency.objects.bulk_create(
        (
            TaskAgency(task=task, role=role, name=names[o], organisation_id=o, position=n)
            for task, t in zip(tasks, plan.tasks, strict=True)
            for role, orgs in ((AgencyRole.LEAD, t.lead), (AgencyRole.COOPERATING, t.cooperating))
            for n, o in enumerate(orgs)
        ),
        batch_size=BATCH,
    )
    return tasks


def _load_indicators(plan: synth.SynthPlan, row: Plan, names: dict[int, str]) -> list[Indicator]:
    indicators = Indicator.objects.bulk_create(
        _copied(i, Indicator, plan=row, position=n) for n, i in enumerate(plan.indicators)
    )
    IndicatorAgency.objects.bulk_create(
        IndicatorAgency(indicator=ind, name=names[o], organisation_id=o, position=n)
        for ind, i in zip(indicators, plan.indicators, strict=True)
        for n, o in enumerate(i.agencies)
    )
    return indicators


def _load_rounds(plan: synth.SynthPlan, row: Plan) -> list[ReportingRound]:
    return ReportingRound.objects.bulk_create(
        _copied(
            r,
            ReportingRound,
            plan=row,
            state=RoundState.CLOSED,
            opened_at=r.deadline - datetime.timedelta(days=30),
        )
        for r in plan.rounds
    )


def _load_updates(
    plan: synth.SynthPlan, row: Plan, tasks: list[Task], rounds: list[ReportingRound]
) -> None:
    """Each update with its evidence, when it has some (a stand-in file, never opened)."""
    TaskUpdate.objects.bulk_create(
        (
            _copied(
                u,
                TaskUpdate,
                round=rounds[u.round],
                task=tasks[u.task],
                organisation_id=u.organisation,
                version=1,
                return_reason="Bổ sung minh chứng (mô phỏng)."
                if u.state == ReviewState.RETURNED
                else "",
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


def _load_values(
    plan: synth.SynthPlan, indicators: list[Indicator], rounds: list[ReportingRound]
) -> None:
    IndicatorValue.objects.bulk_create(
        (
            _copied(
                v,
                IndicatorValue,
                indicator=indicators[v.indicator],
                round=rounds[v.round if v.round is not None else 0],
                organisation_id=v.organisation,
                version=1,
                state=ReviewState.ACCEPTED,
                is_baseline=v.round is None,
                source=synth.MARK,
            )
            for v in plan.values
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def load_synthetic(plans: list[synth.SynthPlan], *, now: datetime.datetime) -> Loaded:
    """Insert the generated plans with their tasks, indicators, closed rounds, updates and
    figures, in bulk (no service: a national data set through them takes hours)."""
    rows = [_plan(p, now) for p in plans]
    Plan.objects.bulk_create(rows)
    loaded = Loaded(plans=len(rows), tasks=0, indicators=0, updates=0, values=0)
    for plan, row in zip(plans, rows, strict=True):
        names = {a.id: a.name for a in plan.province.agencies}
        tasks = _load_tasks(plan, row, names)
        indicators = _load_indicators(plan, row, names)
        rounds = _load_rounds(plan, row)
        _load_updates(plan, row, tasks, rounds)
        _load_values(plan, indicators, rounds)
        loaded = dataclasses.replace(
            loaded,
            tasks=loaded.tasks + len(tasks),
            indicators=loaded.indicators + len(indicators),
            updates=loaded.updates + len(plan.updates),
            values=loaded.values + len(plan.values),
        )
    record(Action.SYNTH_LOADED, None, by=None, now=now, after={"plans": len(rows)})
    return loaded


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

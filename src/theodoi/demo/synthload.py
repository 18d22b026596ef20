"""Loading ``demo.synth``'s national data set into the database with bulk inserts, and
removing it again. Only plans marked synthetic are ever removed; the national plan they carry
out, the synthetic communes (codes ``<province>--mp-xa-<n>``) and the synthetic accounts stay
(people are never deleted, and their memberships hold the communes): a new load finds them
again."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import models, transaction

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.demo import synth
from theodoi.orgs.loading import slug
from theodoi.orgs.models import Membership, Organisation, OrganisationKind, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.models import (
    AgencyRole,
    Indicator,
    IndicatorAgency,
    LinkBasis,
    LinkState,
    Plan,
    PlanKind,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
    TaskLink,
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


# The communes made for the data set: ``<province code>--mp-xa-<n>``.
COMMUNE_CODE = "--mp-xa-"
# Their names: common names of communes and wards, each marked synthetic.
COMMUNE_NAMES = (
    "Xã Tân An",
    "Phường Hòa Bình",
    "Xã Phú Mỹ",
    "Phường An Phú",
    "Xã Long Hưng",
    "Xã Bình Minh",
    "Phường Tân Thành",
    "Xã Vĩnh Phúc",
)


@dataclass(frozen=True)
class Loaded:
    plans: int
    tasks: int
    indicators: int
    updates: int
    values: int
    commune_plans: int = 0
    links: int = 0


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


def with_communes(found: list[synth.Province], per_province: int) -> list[synth.Province]:
    """``found`` with ``per_province`` synthetic communes each (made once, found again on the
    next load), whose plans carry out the province's."""
    if per_province > len(COMMUNE_NAMES):
        raise ValueError(f"at most {len(COMMUNE_NAMES)} communes per province")
    bodies = Organisation.objects.in_bulk([p.id for p in found])
    out = []
    for province in found:
        body = bodies[province.id]
        prefix = body.code or f"tinh-{body.pk}"
        communes = []
        for n in range(per_province):
            commune, _made = Organisation.objects.get_or_create(
                code=f"{prefix}{COMMUNE_CODE}{n + 1}",
                defaults={
                    "name": f"{COMMUNE_NAMES[n]} ({synth.MARK})",
                    "kind": OrganisationKind.COMMUNE,
                    "parent": body,
                },
            )
            communes.append(synth.Agency(commune.pk, commune.name))
        out.append(dataclasses.replace(province, communes=tuple(communes)))
    return out


def national_tasks(national: Plan) -> list[synth.NationalTask]:
    """The live tasks of the national plan, each with its agencies as written."""
    agencies: dict[int, list[str]] = {}
    for task_id, name in TaskAgency.objects.filter(task__plan=national).values_list(
        "task_id", "name"
    ):
        agencies.setdefault(task_id, []).append(name)
    return [
        synth.NationalTask(pk, code, title, tuple(agencies.get(pk, ())))
        for pk, code, title in national.tasks.filter(archived_at__isnull=True)
        .order_by("position", "pk")
        .values_list("pk", "code", "title")
    ]


def synthetic_accounts(plans: list[synth.SynthPlan], *, now: datetime.datetime) -> list[Membership]:
    """For each province, a coordinator (its Sở KH&CN) and a leader, and for each commune a
    reporter, each membership within the province's scope; accounts without a password (for
    benchmarks and for an administrator to open), found again on the next load."""
    made = []
    for plan in plans:
        province = Organisation.objects.get(pk=plan.province.id)
        focal = province.children.filter(code__endswith="--so-khoa-hoc-cong-nghe").first()
        place = f"mp.{slug(province.name)}"
        wanted: list[tuple[str, Role, Organisation]] = [
            (f"{place}.daumoi", Role.COORDINATOR, focal or province),
            (f"{place}.lanhdao", Role.LEADER, province),
        ]
        for n, commune in enumerate(plan.communes):
            body = Organisation.objects.get(pk=commune.province.agencies[0].id)
            wanted.append((f"{place}.xa-{n + 1}", Role.REPORTER, body))
        for username, role, body in wanted:
            user, created = User.objects.get_or_create(username=username[:150])
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            membership = Membership.objects.filter(user=user, role=role, organisation=body).first()
            if membership is None:
                membership = grant_role(user, role, body, by=None, now=now)
            made.append(membership)
    return made


def is_commune_plan(plan: Plan) -> bool:
    """A synthetic commune's plan (its number ends ``-X<nn>/KH-UBND``), not a province's."""
    return synth.COMMUNE_NUMBER in plan.number


def _officers_in_charge(memberships: list[Membership], *, commune_rows: list[Plan]) -> None:
    """Each commune's reporter is the officer in charge of its commune plan's tasks, so the
    people in charge and their figures have rows at national scale (issue 12, "People")."""
    for membership in memberships:
        if membership.role == Role.REPORTER and membership.organisation_id is not None:
            TaskAgency.objects.filter(
                task__plan__in=commune_rows,
                role=AgencyRole.LEAD,
                organisation_id=membership.organisation_id,
            ).update(officer=membership.user)


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
    # A commune task's link protects the provincial task it carries out: links go first.
    TaskLink.objects.filter(task__plan_id__in=ids).delete()
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


def _links(
    plan: synth.SynthPlan, tasks: list[Task], higher: dict[int, int], now: datetime.datetime
) -> list[TaskLink]:
    """The plan's links, ``higher`` turning a link's higher task into a task's id."""
    return [
        TaskLink(
            task=tasks[link.task],
            higher_id=higher[link.higher],
            state=link.state,
            basis=LinkBasis(link.basis),
            score=link.score,
            created_at=now,
            decided_at=now if link.state == LinkState.CONFIRMED else None,
        )
        for link in plan.links
    ]


@transaction.atomic
def load_synthetic(
    plans: list[synth.SynthPlan], *, now: datetime.datetime, national: Plan | None = None
) -> Loaded:
    """Insert the generated plans with their tasks, indicators, closed rounds, updates and
    figures, in bulk (no service: a national data set through them takes hours); each
    provincial plan implementing ``national`` (its links name that plan's task ids), each
    commune plan its province's, with their links; and the provinces' and communes' accounts."""
    every = [(p, None) for p in plans] + [(c, p) for p in plans for c in p.communes]
    rows = [_plan(p, now) for p, _province in every]
    Plan.objects.bulk_create(rows)
    row_of = {id(p): row for (p, _province), row in zip(every, rows, strict=True)}
    tasks_of: dict[int, list[Task]] = {}
    links: list[TaskLink] = []
    loaded = Loaded(plans=len(plans), tasks=0, indicators=0, updates=0, values=0)
    for plan, province_plan in every:
        row = row_of[id(plan)]
        names = {a.id: a.name for a in plan.province.agencies}
        tasks = tasks_of[id(plan)] = _load_tasks(plan, row, names)
        indicators = _load_indicators(plan, row, names)
        rounds = _load_rounds(plan, row)
        _load_updates(plan, row, tasks, rounds)
        _load_values(plan, indicators, rounds)
        if province_plan is not None:
            higher_plan = row_of[id(province_plan)]
            higher = {i: t.pk for i, t in enumerate(tasks_of[id(province_plan)])}
        elif national is not None:
            higher_plan = national
            higher = {pk: pk for pk in national.tasks.values_list("pk", flat=True)}
        else:
            higher = {}
        if higher:
            row.implements.add(higher_plan)
            row.implements_numbers = [higher_plan.number]
            row.save(update_fields=["implements_numbers"])
            links.extend(_links(plan, tasks, higher, now))
        loaded = dataclasses.replace(
            loaded,
            tasks=loaded.tasks + len(tasks),
            indicators=loaded.indicators + len(indicators),
            updates=loaded.updates + len(plan.updates),
            values=loaded.values + len(plan.values),
            commune_plans=loaded.commune_plans + (province_plan is not None),
        )
    TaskLink.objects.bulk_create(links, batch_size=BATCH)
    loaded = dataclasses.replace(loaded, links=len(links))
    _officers_in_charge(
        synthetic_accounts(plans, now=now),
        commune_rows=[row_of[id(c)] for p in plans for c in p.communes],
    )
    record(
        Action.SYNTH_LOADED,
        None,
        by=None,
        now=now,
        after={"plans": len(plans), "commune_plans": loaded.commune_plans, "links": len(links)},
    )
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

"""Loading ``demo.synth``'s national data set into the database with bulk inserts, and
removing it again. Only plans marked synthetic are ever removed; the national plan they carry
out, the synthetic communes (codes ``<province>--mp-xa-<n>``) and the synthetic accounts stay
(people are never deleted, and their memberships hold the communes): a new load finds them
again. Plans are loaded one scope at a time, their updates in batches, so memory stays bounded
whatever the data set's size."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import connection, models, reset_queries, transaction

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


# The units made for a ministry's plan (``<ministry code>--mp-don-vi-<n>``), and the ministries
# made when the organisation data has fewer than asked for (``mp-bo-<n>``).
UNIT_CODE = "--mp-don-vi-"
MINISTRY_CODE = "mp-bo-"


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


def with_communes(
    found: list[synth.Province], per_province: int, *, reporting: int = 0
) -> list[synth.Province]:
    """``found`` with ``per_province`` synthetic communes each (made once, found again on the
    next load), whose plans carry out the province's; and with ``reporting`` communes among
    the agencies of the province's plan, reporting on its tasks as its departments do (the
    first of them are those with a plan)."""
    if per_province > len(COMMUNE_NAMES):
        raise ValueError(f"at most {len(COMMUNE_NAMES)} communes per province")
    bodies = Organisation.objects.in_bulk([p.id for p in found])
    out = []
    for province in found:
        body = bodies[province.id]
        prefix = body.code or f"tinh-{body.pk}"
        communes = _bodies_under(
            body,
            f"{prefix}{COMMUNE_CODE}",
            max(per_province, reporting),
            OrganisationKind.COMMUNE,
            lambda n: (
                COMMUNE_NAMES[n % len(COMMUNE_NAMES)]
                + (f" {n // len(COMMUNE_NAMES) + 1}" if n >= len(COMMUNE_NAMES) else "")
            ),
        )
        out.append(
            dataclasses.replace(
                province,
                agencies=province.agencies + communes[:reporting],
                communes=communes[:per_province],
            )
        )
    return out


def ministries(count: int, units: int) -> list[synth.Province]:
    """``count`` ministries, each with ``units`` synthetic units (Cục, Vụ) its plan assigns:
    today's ministries first, then synthetic ones when the organisation data has fewer."""
    if count < 1:
        return []
    bodies = list(
        Organisation.objects.filter(
            kind=OrganisationKind.MINISTRY, active=True, successor__isnull=True
        )
        .exclude(code__startswith=MINISTRY_CODE)
        .order_by("pk")[:count]
    )
    for n in range(len(bodies), count):
        made, _created = Organisation.objects.get_or_create(
            code=f"{MINISTRY_CODE}{n + 1}",
            defaults={"name": f"Bộ {n + 1} ({synth.MARK})", "kind": OrganisationKind.MINISTRY},
        )
        bodies.append(made)
    return [
        synth.Province(
            body.pk,
            body.name,
            _bodies_under(
                body,
                f"{body.code or f'bo-{body.pk}'}{UNIT_CODE}",
                units,
                OrganisationKind.DEPARTMENT,
                lambda n: f"{('Cục', 'Vụ', 'Viện')[n % 3]} {n + 1}",
            ),
        )
        for body in bodies
    ]


def _bodies_under(
    parent: Organisation, prefix: str, count: int, kind: str, name: Any
) -> tuple[synth.Agency, ...]:
    """The synthetic bodies ``<prefix><n>`` under ``parent``, n from 1 to ``count``, named
    ``name(n - 1)`` and marked synthetic: those of an earlier load found again, the others
    made in one insert."""
    codes = [f"{prefix}{n + 1}" for n in range(count)]
    known = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    Organisation.objects.bulk_create(
        Organisation(code=code, name=f"{name(n)} ({synth.MARK})", kind=kind, parent=parent)
        for n, code in enumerate(codes)
        if code not in known
    )
    found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
    return tuple(synth.Agency(found[code].pk, found[code].name) for code in codes)


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


def synthetic_accounts(
    scopes: Iterable[synth.Province], *, now: datetime.datetime
) -> list[Membership]:
    """For each province or ministry, a coordinator (its Sở KH&CN, or the body itself) and a
    leader, and for each commune with a plan a reporter, each membership within the scope;
    accounts without a password (for benchmarks and for an administrator to open), found
    again on the next load."""
    made = []
    for scope in scopes:
        province = Organisation.objects.get(pk=scope.id)
        focal = province.children.filter(code__endswith="--so-khoa-hoc-cong-nghe").first()
        place = f"mp.{slug(province.name)}"
        wanted: list[tuple[str, Role, Organisation]] = [
            (f"{place}.daumoi", Role.COORDINATOR, focal or province),
            (f"{place}.lanhdao", Role.LEADER, province),
        ]
        for n, commune in enumerate(scope.communes):
            body = Organisation.objects.get(pk=commune.id)
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


def _officers_in_charge(memberships: list[Membership], *, commune_rows: list[int]) -> None:
    """Each commune's reporter is the officer in charge of its commune plan's tasks, so the
    people in charge and their figures have rows at national scale (issue 12, "People")."""
    for membership in memberships:
        if membership.role == Role.REPORTER and membership.organisation_id is not None:
            TaskAgency.objects.filter(
                task__plan_id__in=commune_rows,
                role=AgencyRole.LEAD,
                organisation_id=membership.organisation_id,
            ).update(officer=membership.user)


def synthetic_plans() -> list[Plan]:
    return list(Plan.objects.filter(number__startswith=synth.NUMBER_PREFIX, issuer=synth.ISSUER))


@transaction.atomic
def remove_synthetic(*, now: datetime.datetime) -> int:
    plans = synthetic_plans()
    ids = [p.pk for p in plans]
    # Plan by plan: a delete gathers the rows it removes, a national set's updates at once
    # would not fit in memory.
    for pk in ids:
        Evidence.objects.filter(task__plan_id=pk).delete()
        TaskUpdate.objects.filter(task__plan_id=pk).delete()
        IndicatorValue.objects.filter(indicator__plan_id=pk).delete()
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
    return model(**_shared(record, model, links))


def _shared(record: object, model: type[models.Model], links: dict[str, Any]) -> dict[str, Any]:
    names = _shared_fields(model, frozenset(links))
    return {**{name: value for name, value in vars(record).items() if name in names}, **links}


@functools.cache
def _shared_fields(model: type[models.Model], linked: frozenset[str]) -> frozenset[str]:
    return frozenset(
        f.name
        for f in model._meta.concrete_fields
        if f.name not in linked and f.attname not in linked
    )


def _insert(model: type[Row], rows: Iterable[Row]) -> int:
    """Insert ``rows`` BATCH at a time, never building them all: how many there were."""
    count = 0
    it = iter(rows)
    while batch := list(itertools.islice(it, BATCH)):
        model._default_manager.bulk_create(batch)
        count += len(batch)
    return count


def _insert_history(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert the history rows (updates, figures, evidence; each a dict of column values by
    field name, every row with the same keys) BATCH at a time, as one statement run over
    plain tuples: a national set's 2 million rows through model instances and bulk_create
    cost four times as long (issue 15). Columns not given take their field's default, as
    bulk_create would."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return 0
    given = [f for f in fields if f.name in first or f.attname in first]
    defaults = [
        (f, f.get_db_prep_save(f.get_default(), connection)) for f in fields if f not in given
    ]
    columns = ", ".join(
        connection.ops.quote_name(f.column) for f in given + [f for f, _ in defaults]
    )
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * (len(given) + len(defaults)))})"
    )
    convert = [_converter(f, f.name if f.name in first else f.attname) for f in given]
    fixed = tuple(value for _, value in defaults)
    count = 0
    rest = itertools.chain([first], it)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rest, BATCH)):
            cursor.executemany(sql, [tuple(c(row) for c in convert) + fixed for row in batch])
            count += len(batch)
    return count


def _converter(field: models.Field[Any, Any], key: str) -> Any:
    """How a row's value of ``field`` becomes its column's: dates and times as the database
    stores them, the rest as given (numbers, text, booleans, keys)."""
    if isinstance(field, models.DateTimeField):
        adapt_moment = connection.ops.adapt_datetimefield_value
        return lambda row: adapt_moment(row[key])
    if isinstance(field, models.DateField):
        adapt_day = connection.ops.adapt_datefield_value
        return lambda row: adapt_day(row[key])
    return lambda row: row[key]


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
    returned = "Bổ sung minh chứng (mô phỏng)."
    results = f"Kết quả thực hiện ({synth.MARK})."
    _insert_history(
        TaskUpdate,
        (
            _shared(
                u,
                TaskUpdate,
                {
                    "round_id": rounds[u.round].pk,
                    "task_id": tasks[u.task].pk,
                    "organisation_id": u.organisation,
                    "version": 1,
                    "return_reason": returned if u.state == ReviewState.RETURNED else "",
                    "results": results,
                },
            )
            for u in plan.updates
        ),
    )
    _insert_history(
        Evidence,
        (
            {
                "round_id": rounds[u.round].pk,
                "task_id": tasks[u.task].pk,
                "organisation_id": u.organisation,
                "file": f"synth/{synth.MARK}.pdf",
                "filename": f"minh-chung-{synth.MARK}.pdf",
                "sha256": hashlib.sha256(
                    f"{row.number}:{u.task}:{u.round}:{u.organisation}".encode()
                ).hexdigest(),
                "size": 1,
                "content_type": "application/pdf",
                "uploaded_at": u.created_at,
            }
            for u in plan.updates
            if u.evidence
        ),
    )


def _load_values(
    plan: synth.SynthPlan, indicators: list[Indicator], rounds: list[ReportingRound]
) -> None:
    _insert_history(
        IndicatorValue,
        (
            _shared(
                v,
                IndicatorValue,
                {
                    "indicator_id": indicators[v.indicator].pk,
                    "round_id": rounds[v.round if v.round is not None else 0].pk,
                    "organisation_id": v.organisation,
                    "version": 1,
                    "state": ReviewState.ACCEPTED.value,
                    "is_baseline": v.round is None,
                    "source": synth.MARK,
                },
            )
            for v in plan.values
        ),
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
    plans: Iterable[synth.SynthPlan], *, now: datetime.datetime, national: Plan | None = None
) -> Loaded:
    """Insert the generated plans with their tasks, indicators, closed rounds, updates and
    figures, in bulk (no service: a national data set through them takes hours); each
    provincial plan implementing ``national`` (its links name that plan's task ids), each
    commune plan its province's, with their links; and the provinces' and communes' accounts.
    ``plans`` is read once, one plan with its communes' at a time (``synth.each_plan``)."""
    national_ids = (
        {pk: pk for pk in national.tasks.values_list("pk", flat=True)} if national else {}
    )
    loaded = Loaded(plans=0, tasks=0, indicators=0, updates=0, values=0)
    scopes: list[synth.Province] = []
    commune_rows: list[int] = []
    for plan in plans:
        rows = Plan.objects.bulk_create([_plan(p, now) for p in (plan, *plan.communes)])
        scopes.append(dataclasses.replace(plan.province, agencies=()))
        commune_rows.extend(r.pk for r in rows[1:])
        province_tasks = _load_plan(plan, rows[0], national, national_ids, now)
        higher = {i: t.pk for i, t in enumerate(province_tasks)}
        for commune_plan, row in zip(plan.communes, rows[1:], strict=True):
            _load_plan(commune_plan, row, rows[0], higher, now)
        # With DEBUG on, Django keeps the text of the last 9,000 queries: a national set's
        # inserts would hold gigabytes of it.
        reset_queries()
        loaded = dataclasses.replace(
            loaded,
            plans=loaded.plans + 1,
            tasks=loaded.tasks + sum(len(p.tasks) for p in (plan, *plan.communes)),
            indicators=loaded.indicators + sum(len(p.indicators) for p in (plan, *plan.communes)),
            updates=loaded.updates + sum(len(p.updates) for p in (plan, *plan.communes)),
            values=loaded.values + sum(len(p.values) for p in (plan, *plan.communes)),
            commune_plans=loaded.commune_plans + len(plan.communes),
            links=loaded.links + sum(len(p.links) for p in (plan, *plan.communes)),
        )
    _officers_in_charge(synthetic_accounts(scopes, now=now), commune_rows=commune_rows)
    record(
        Action.SYNTH_LOADED,
        None,
        by=None,
        now=now,
        after={
            "plans": loaded.plans,
            "commune_plans": loaded.commune_plans,
            "links": loaded.links,
        },
    )
    return loaded


def _load_plan(
    plan: synth.SynthPlan,
    row: Plan,
    higher_plan: Plan | None,
    higher: dict[int, int],
    now: datetime.datetime,
) -> list[Task]:
    """One plan's records, and its links to ``higher_plan``'s tasks (``higher`` turning a
    link's higher task into a task's id); its tasks, for its communes' links."""
    names = {a.id: a.name for a in plan.province.agencies}
    tasks = _load_tasks(plan, row, names)
    indicators = _load_indicators(plan, row, names)
    rounds = _load_rounds(plan, row)
    _load_updates(plan, row, tasks, rounds)
    _load_values(plan, indicators, rounds)
    if higher_plan is not None and higher:
        row.implements.add(higher_plan)
        row.implements_numbers = [higher_plan.number]
        row.save(update_fields=["implements_numbers"])
        _insert(TaskLink, _links(plan, tasks, higher, now))
    return tasks


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

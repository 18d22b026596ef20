"""The dashboard's cache key, read without building its scope: a cached page must cost near
what any signed-in request costs, and composing the scope's querysets (the plan, its
snapshot, its rounds and groups, the directives) spent milliseconds of ORM on every hit for
statements that take tens of microseconds to run.

The key names what the page shows (STYLE.md rule 17): the reader's scope (``reader_key``)
and role; the plans the reader may choose (each with its version, amendment and state); the
plan shown and, from one statement, its rounds (title and deadline), groups, confidential
tasks and directives (state), and the digest of the snapshot the page reads; the group,
agency and round asked for, once each is known to be the plan's; and the day. A value that
is not one of the plan's has no key, so the page says what is wrong and nothing is kept: the
key space is bounded by what exists, and a parameter the page does not read is not in it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from theodoi.caching import fetch, keep
from theodoi.directives.models import Directive
from theodoi.orgs.models import Organisation
from theodoi.plans.models import PlanStatus, Task, TaskGroup
from theodoi.reporting.access import (
    persona,
    reader_key,
    reads_confidential,
    reporter_organisation,
    visible_plans,
)
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.reading import Results
from theodoi.snapshots.records import successors
from theodoi.users import AnyUser
from theodoi.workspace.dashboard.scope import PARAMS, asked_number

# The visible plans' statement as the ORM writes it, by reader: the same reader key is the
# same rows (reporting.access.reader_key), so the same statement; composing it cost more
# than the rest of a hit. Bounded: readers are scopes and roles, not people.
_PLANS_SQL: dict[tuple[object, ...], tuple[str, tuple[Any, ...]]] = {}
_PLANS_SQL_LIMIT = 512


def visible_plan_rows(who: AnyUser, reader: tuple[object, ...]) -> list[tuple[Any, ...]]:
    """The plans ``who`` may choose, newest first: (id, version, amendment, state, province)."""
    statement = _PLANS_SQL.get(reader)
    if statement is None:
        rows = (
            visible_plans(who)
            .order_by("-published_at", "pk")
            .values_list("pk", "version", "amendment_number", "status", "province_id")
        )
        sql, params = rows.query.sql_with_params()
        if len(_PLANS_SQL) >= _PLANS_SQL_LIMIT:
            _PLANS_SQL.clear()
        statement = _PLANS_SQL[reader] = (sql, tuple(params))
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return list(cursor.fetchall())


def _plan_sql() -> str:
    """One plan's rounds (kind 0), groups (1), confidential tasks (2) and directives (3), and
    the latest snapshot up to a day (4). Plain SQL that SQLite and PostgreSQL read alike."""
    rounds, groups = ReportingRound._meta.db_table, TaskGroup._meta.db_table
    tasks, directives = Task._meta.db_table, Directive._meta.db_table
    snapshots = PlanSnapshot._meta.db_table
    return (
        f"SELECT 0, r.id, r.deadline, r.title FROM {rounds} r WHERE r.plan_id = %s"
        f" UNION ALL SELECT 1, g.id, NULL, NULL FROM {groups} g WHERE g.plan_id = %s"
        f" UNION ALL SELECT 2, t.id, NULL, NULL FROM {tasks} t"
        f" WHERE t.plan_id = %s AND t.confidential = %s"
        f" UNION ALL SELECT 3, d.id, NULL, d.state FROM {directives} d WHERE d.plan_id = %s"
        f" UNION ALL SELECT 4, s.id, NULL, s.digest FROM (SELECT id, digest FROM {snapshots}"
        f"  WHERE plan_id = %s AND as_of <= %s ORDER BY as_of DESC LIMIT 1) s"
        f" ORDER BY 1, 2"
    )


def _agencies(snapshot_id: int, digest: str) -> frozenset[int]:
    """The agencies a snapshot ranks (those an agency filter may name), kept per digest."""
    key = f"dashboard-agencies:{digest}"
    found: frozenset[int] | None = fetch(key)
    if found is None:
        snapshot = PlanSnapshot.objects.get(pk=snapshot_id)
        found = frozenset(Results.of(snapshot).agencies)
        keep(key, found)
    return found


def dashboard_key(
    who: AnyUser, params: QueryDict, *, today: datetime.date
) -> tuple[object, ...] | None:
    """The key of the dashboard ``params`` ask ``who`` for; None when it is not to be kept
    (a reader whose pages are not cached, a value that is not the plan's, no plan)."""
    reader = reader_key(who)
    if reader is None:
        return None
    problems: list[str] = []
    asked = {name: asked_number(params, name, problems) for name in PARAMS}
    if problems:
        return None
    plans = visible_plan_rows(who, reader)
    plan_id = asked["ke_hoach"]
    if plan_id is None:
        plan = plans[0] if plans else None
    else:
        plan = next((row for row in plans if row[0] == plan_id), None)
    if plan is None:
        return None
    pk = int(plan[0])

    as_of = today
    if asked["ky"] is not None:
        deadline = (
            ReportingRound.objects.filter(plan_id=pk, pk=asked["ky"])
            .values_list("deadline", flat=True)
            .first()
        )
        if deadline is None:
            return None
        as_of = min(today, timezone.localdate(deadline))
    with connection.cursor() as cursor:
        cursor.execute(_plan_sql(), [pk, pk, pk, True, pk, pk, as_of])
        shown = cursor.fetchall()
    if asked["nhom"] is not None and (1, asked["nhom"]) not in {r[:2] for r in shown}:
        return None
    snapshot = next(((r[1], r[3]) for r in shown if r[0] == 4), None)

    organisation = reporter_organisation(who)
    if organisation is not None:
        agency: int | None = successors({organisation.pk}, as_of)[organisation.pk]
    else:
        agency = asked["co_quan"]
        if agency is not None and (snapshot is None or agency not in _agencies(*snapshot)):
            return None
    return (
        "dashboard",
        reader,
        persona(who).role,
        tuple(plans),
        pk,
        tuple(shown),
        asked["nhom"],
        agency,
        asked["ky"],
        today,
    )


def _rollup_sql(plans: int, *, confidential: bool) -> str:
    """The digest of each of ``plans`` plans' latest snapshot up to a day (kind 0) and, with
    ``confidential``, the plans' confidential tasks (kind 1)."""
    snapshots, tasks = PlanSnapshot._meta.db_table, Task._meta.db_table
    ids = ", ".join(["%s"] * plans)
    latest = (
        f"SELECT 0, s.plan_id, s.digest FROM {snapshots} s WHERE s.plan_id IN ({ids})"
        f" AND s.as_of = (SELECT MAX(l.as_of) FROM {snapshots} l"
        f"  WHERE l.plan_id = s.plan_id AND l.as_of <= %s)"
    )
    hidden = (
        f" UNION ALL SELECT 1, t.id, NULL FROM {tasks} t"
        f" WHERE t.plan_id IN ({ids}) AND t.confidential = %s"
    )
    return latest + (hidden if confidential else "") + " ORDER BY 1, 2"


def rollup_key(
    who: AnyUser, what: tuple[object, ...], within: Organisation | None, *, today: datetime.date
) -> tuple[object, ...] | None:
    """The key of a roll-up (``rolled_up_plans(who, within=within)``'s figures): the reader,
    each plan with its version, province and latest snapshot's digest, and for a reader who
    does not read every task (an inspector not granted confidential ones) the plans'
    confidential tasks, which its figures leave out."""
    reader = reader_key(who)
    if reader is None:
        return None
    lineage = within.lineage_ids() if within is not None else None
    plans = [
        (pk, version, province)
        for pk, version, _amendment, status, province in visible_plan_rows(who, reader)
        if status == PlanStatus.PUBLISHED
        and province is not None
        and (lineage is None or province in lineage)
    ]
    ids = [pk for pk, _version, _province in plans]
    rows: list[tuple[Any, ...]] = []
    if ids:
        hidden = not reads_confidential(who)
        with connection.cursor() as cursor:
            cursor.execute(
                _rollup_sql(len(ids), confidential=hidden),
                [*ids, today, *([*ids, True] if hidden else [])],
            )
            rows = list(cursor.fetchall())
    return ("rollup", what, reader, tuple(plans), tuple(rows), today)

"""Versions of a report: every save inserts the next one and nothing is edited in place.

A save carries the version it started from (``based_on``, 0 for a first save); when someone
saved the same report since, it is refused with :class:`StaleVersionError`, which carries their
version.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, cast

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.errors import StaleVersionError
from theodoi.reporting.models import IndicatorValue, ReviewState, TaskUpdate, Version

Report = TypeVar("Report", bound=TaskUpdate | IndicatorValue)
Versioned = TypeVar("Versioned", bound=Version)


def latest_only(rows: QuerySet[Versioned], *, among: Q | None = None) -> QuerySet[Versioned]:
    """The rows no later version of the same report follows; with ``among``, no later
    version matching it (``Q(state=ACCEPTED)``: the latest accepted version of each report).
    The one way theodoi reads "the latest version": in SQL, whatever else ``rows`` filters."""
    model = rows.model
    if model is TaskUpdate:
        newer = TaskUpdate.objects.filter(
            round=OuterRef("round"),
            task=OuterRef("task"),
            organisation=OuterRef("organisation"),
            version__gt=OuterRef("version"),
        )
        return rows.filter(~Exists(newer.filter(among) if among is not None else newer))
    # A baseline's versions share the indicator alone (models.IndicatorValue). One condition
    # for each kind, each the columns of its unique index, so that each row looks up its own
    # report's newer versions instead of every figure of the indicator (issue 15).
    newer_baseline = IndicatorValue.objects.filter(
        indicator=OuterRef("indicator"), is_baseline=True, version__gt=OuterRef("version")
    )
    newer_figure = IndicatorValue.objects.filter(
        indicator=OuterRef("indicator"),
        round=OuterRef("round"),
        organisation=OuterRef("organisation"),
        is_baseline=False,
        version__gt=OuterRef("version"),
    )
    if among is not None:
        newer_baseline, newer_figure = newer_baseline.filter(among), newer_figure.filter(among)
    return rows.filter(
        (Q(is_baseline=True) & ~Exists(newer_baseline))
        | (Q(is_baseline=False) & ~Exists(newer_figure))
    )


def latest_by(rows: QuerySet[Versioned], key: str) -> dict[int, Versioned]:
    """The latest version of each report of ``rows``, by ``key`` (a field that tells the
    reports of ``rows`` apart, such as ``task_id`` among one agency's updates in a round)."""
    return {getattr(row, key): row for row in latest_only(rows)}


def rounds_newest_first(plan: Plan) -> list[int]:
    """The ids of the plan's rounds from the latest deadline back: the order
    :func:`judged_updates` reads them in."""
    return list(plan.rounds.order_by("-deadline", "-pk").values_list("pk", flat=True))


def judged_updates(
    plan: Plan,
    *,
    before: datetime.datetime,
    fields: Sequence[str],
    tasks: Iterable[int] | None = None,
    rounds: Sequence[int] | None = None,
) -> dict[int, dict[str, Any]]:
    """Per task of ``plan``, the update the rules judge it by, as ``fields``: the latest of
    its lead agency's updates accepted before ``before`` (the lead's report is the task's; a
    later round's wins, then the later acceptance).

    Read from the newest round back, in windows that double, and only for the tasks still
    without one: a task reported on lately is found in the first window, so a snapshot reads
    about one update a task however many rounds the plan has had (issue 15). ``tasks`` (ids of
    the plan's tasks; all of them when None) and ``rounds`` (:func:`rounds_newest_first`) spare
    a caller who has them the queries."""
    (judged,) = judged_updates_before(plan, (before,), fields=fields, tasks=tasks, rounds=rounds)
    return judged


def judged_updates_before(
    plan: Plan,
    befores: Sequence[datetime.datetime],
    *,
    fields: Sequence[str],
    tasks: Iterable[int] | None = None,
    rounds: Sequence[int] | None = None,
) -> list[dict[int, dict[str, Any]]]:
    """:func:`judged_updates` for each moment of ``befores`` (in their order), read in one
    pass: the windows of rounds are the same for every moment, and each window is one query
    for the tasks some moment still lacks (a snapshot asks for the end of its day and for the
    day the current round began: issue 15)."""
    rounds = rounds_newest_first(plan) if rounds is None else rounds
    every = set(plan.tasks.values_list("pk", flat=True) if tasks is None else tasks)
    missing = [set(every) for _ in befores]
    judged: list[dict[int, dict[str, Any]]] = [{} for _ in befores]
    names = ("task_id", *fields)
    start, size = 0, 1
    while any(missing) and start < len(rounds):
        window = rounds[start : start + size]
        found: list[dict[int, dict[str, Any]]] = [{} for _ in befores]
        for task_id, created_at, *values in (
            TaskUpdate.objects.filter(
                round_id__in=window,
                task_id__in=set().union(*missing),
                role=AgencyRole.LEAD,
                state=ReviewState.ACCEPTED,
                created_at__lt=max(befores),
            )
            .order_by("round__deadline", "created_at", "version", "pk")
            .values_list("task_id", "created_at", *fields)
        ):
            for moment, before in enumerate(befores):
                if created_at < before and task_id in missing[moment]:
                    found[moment][task_id] = dict(zip(names, (task_id, *values), strict=True))
        for moment, rows in enumerate(found):
            judged[moment].update(rows)
            missing[moment] -= rows.keys()
        start, size = start + size, size * 2
    return judged


def thread_of(report: TaskUpdate | IndicatorValue) -> dict[str, Any]:
    """The fields every version of one report shares."""
    if isinstance(report, TaskUpdate):
        return {
            "round_id": report.round_id,
            "task_id": report.task_id,
            "organisation_id": report.organisation_id,
        }
    return figure_thread(
        report.indicator_id, report.round_id, report.organisation_id, baseline=report.is_baseline
    )


def figure_thread(
    indicator_id: int, round_id: int, organisation_id: int, *, baseline: bool
) -> dict[str, Any]:
    """The fields every version of one figure shares: a baseline's are the indicator's."""
    if baseline:
        return {"indicator_id": indicator_id, "is_baseline": True}
    return {
        "round_id": round_id,
        "indicator_id": indicator_id,
        "organisation_id": organisation_id,
        "is_baseline": False,
    }


def latest_version(model: type[Report], **thread: Any) -> Report | None:
    return cast("Report | None", model.objects.filter(**thread).order_by("-version").first())


def stale_message() -> str:
    return _(
        "Someone else saved this report after you opened it; nothing of yours was saved. "
        "Their version is shown below: review it and enter your changes again."
    )


def insert_version(
    model: type[Report],
    previous: Report | None,
    based_on: int,
    thread: dict[str, Any],
    fields: dict[str, Any],
) -> Report:
    """Insert the next version of the report ``thread`` names, or refuse when ``based_on`` is
    not its latest. Two saves from the same version race for the same number and the
    database's unique constraint lets only one in."""
    current = previous.version if previous else 0
    if based_on != current:
        raise StaleVersionError(stale_message(), previous)
    try:
        with transaction.atomic():
            return cast("Report", model.objects.create(version=current + 1, **thread, **fields))
    except IntegrityError:
        newer = model.objects.filter(**thread, version__gt=current).order_by("-version").first()
        if newer is None:
            raise
        raise StaleVersionError(stale_message(), newer) from None


def audit_version(
    action: Action, row: Report, previous: Report | None, *, by: Any, now: Any
) -> None:
    """The audit entry of a new version: what the report said before it, and what it says."""
    record(
        action,
        row,
        by=by,
        now=now,
        before=previous.data() if previous else None,
        after=row.data(),
    )

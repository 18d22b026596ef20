"""Versions of a report: every save inserts the next one and nothing is edited in place.

A save carries the version it started from (``based_on``, 0 for a first save); when someone
saved the same report since, it is refused with :class:`StaleVersionError`, which carries their
version.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from theodoi.reporting.errors import StaleVersionError
from theodoi.reporting.models import IndicatorValue, TaskUpdate

# Bound, not constrained: the review queue holds both kinds at once. A query on ``model``
# returns that model's rows, which mypy types as either kind (hence the casts below).
Report = TypeVar("Report", bound=TaskUpdate | IndicatorValue)


def latest_only(rows: QuerySet[Report]) -> QuerySet[Report]:
    """The rows no later version of the same report follows."""
    model = rows.model
    newer: QuerySet[TaskUpdate] | QuerySet[IndicatorValue]
    if model is TaskUpdate:
        newer = TaskUpdate.objects.filter(
            round=OuterRef("round"),
            task=OuterRef("task"),
            organisation=OuterRef("organisation"),
            version__gt=OuterRef("version"),
        )
    else:
        # A baseline's versions share the indicator alone (models.IndicatorValue).
        newer = IndicatorValue.objects.filter(
            indicator=OuterRef("indicator"),
            is_baseline=OuterRef("is_baseline"),
            version__gt=OuterRef("version"),
        ).filter(
            Q(is_baseline=True) | Q(round=OuterRef("round"), organisation=OuterRef("organisation"))
        )
    return rows.filter(~Exists(newer))


def thread_of(report: TaskUpdate | IndicatorValue) -> dict[str, Any]:
    """The fields every version of one report shares."""
    if isinstance(report, TaskUpdate):
        return {
            "round_id": report.round_id,
            "task_id": report.task_id,
            "organisation_id": report.organisation_id,
        }
    if report.is_baseline:
        return {"indicator_id": report.indicator_id, "is_baseline": True}
    return {
        "round_id": report.round_id,
        "indicator_id": report.indicator_id,
        "organisation_id": report.organisation_id,
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

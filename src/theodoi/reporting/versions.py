"""Which rows of the version tables are the reports as they stand now."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from theodoi.reporting.models import IndicatorValue, TaskUpdate


def latest_only(rows: QuerySet) -> QuerySet:
    """The rows no later version of the same report follows."""
    model = rows.model
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

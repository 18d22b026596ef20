"""The query parameters that narrow a list, declared once: the view reads them and the OpenAPI
document lists them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from theodoi.api.problems import Refused


@dataclass(frozen=True)
class Filter:
    param: str
    lookup: str
    description: str
    kind: str = "id"  # "id", "text" or "moment"

    def value(self, raw: str) -> Any:
        if self.kind == "id":
            if not raw.isdigit() or len(raw) > 18:
                raise Refused([(self.param, _("“%(value)s” is not an id.") % {"value": raw[:40]})])
            return int(raw)
        if self.kind == "moment":
            moment = _moment(raw)
            if moment is None:
                message = _("“%(value)s” is not a date or a moment (ISO 8601).")
                raise Refused([(self.param, message % {"value": raw[:40]})])
            return moment
        return raw[:100]

    @property
    def parameter(self) -> OpenApiParameter:
        kinds = {"id": OpenApiTypes.INT, "moment": OpenApiTypes.DATETIME, "text": OpenApiTypes.STR}
        return OpenApiParameter(self.param, kinds[self.kind], description=self.description)


def _moment(raw: str) -> datetime.datetime | None:
    """An ISO 8601 moment, or a day (its start, in the site's time zone)."""
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is not None:
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def narrowed(rows: QuerySet[Any], query: Any, filters: tuple[Filter, ...]) -> QuerySet[Any]:
    for found in filters:
        raw = query.get(found.param)
        if raw:
            rows = rows.filter(**{found.lookup: found.value(raw)})
    return rows


PLAN = Filter("plan", "plan_id", "Only the rows of this plan.")
ROUND = Filter("round", "round_id", "Only the reports of this round.")
CHANGED_SINCE = Filter(
    "changed_since", "created_at__gte", "Only the reports saved since (ISO 8601).", "moment"
)

"""The forms that reopen a locked round for agencies (one, on the review page; several, on the
round's page) list of the plan's agencies only those chosen and those found
(workspace/picking.py)."""

from __future__ import annotations

from typing import Any, TypeVar

from theodoi.reporting.models import ReportingRound
from theodoi.reporting.worklist import plan_organisations
from theodoi.workspace.picking import Offered, offered, sent_ids
from theodoi.workspace.reporting.forms import ReopeningForm

Reopening = TypeVar("Reopening", bound=ReopeningForm)


def reopening(
    form_class: type[Reopening],
    round_: ReportingRound,
    data: Any = None,
    *,
    initial: dict[str, Any] | None = None,
    query: str = "",
) -> tuple[Reopening, Offered]:
    """The form, listing of the plan's agencies only those sent (a forged or foreign id is
    refused by the form) and those the search finds."""
    agencies = plan_organisations(round_)
    picked = offered(agencies, sent_ids(data, initial, form_class.agency_field), query)
    listed = agencies.filter(pk__in=[pk for pk, _label in picked.choices()])
    return form_class(data, initial=initial, organisations=listed), picked

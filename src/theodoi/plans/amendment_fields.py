"""What an amendment of a published plan may change, declared once: each field with what the
pages call it and whether the public portal shows it, and the checks of a new value, each
message naming its field. The workspace's forms, the services of ``plans.amending`` and the
pages that show an amendment read this module."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from theodoi.evaluation.wording import vn_number
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Due
from theodoi.orgs.resolve import Resolver

# Bounds of what a coordinator types (STYLE.md rule 18).
MAX_REASON = 2000
MAX_TEXT = 2000
MAX_DUE = 500  # Task.due_text
MAX_TITLE = 2000
MAX_CODE = 40  # Task.code
MAX_AGENCIES = 30
MAX_AGENCY_NAME = 500  # AgencyMention.name
MAX_EXTERNAL_IDS = 20
MAX_SOURCE = 300  # OfficialFigure.source


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    label: Promise
    # Shown on the public portal; a confidential task's changes never are, whatever its field.
    public: bool = True


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("due", pgettext_lazy("amended field", "Time")),
        Field("lead", pgettext_lazy("amended field", "Lead agency")),
        Field("cooperating", pgettext_lazy("amended field", "Cooperating agencies")),
        Field("expected_output", pgettext_lazy("amended field", "Expected output")),
        Field("confidential", pgettext_lazy("amended field", "Confidential"), public=False),
        Field("condition_met_on", pgettext_lazy("amended field", "Condition met on")),
        Field("external_ids", pgettext_lazy("amended field", "External identifiers"), public=False),
        Field("added", pgettext_lazy("amended field", "Task added")),
        Field("archived", pgettext_lazy("amended field", "Task archived")),
        Field("agencies", pgettext_lazy("amended field", "Responsible agencies")),
        Field("baseline_value", pgettext_lazy("amended field", "Baseline value")),
        Field("baseline_year", pgettext_lazy("amended field", "Baseline year")),
        Field("official_figure", pgettext_lazy("amended field", "Official figure")),
        Field("status", pgettext_lazy("amended field", "Plan status")),
    )
}


def label_of(field: str) -> str:
    found = FIELDS.get(field)
    return str(found.label) if found else field


# --- what a coordinator types, read -----------------------------------------------------------


def split_lines(text: str) -> tuple[str, ...]:
    """One agency per line (or separated by ``;``), blank lines and spaces dropped, each once."""
    names: dict[str, None] = {}
    for part in re.split(r"[\n;]", text or ""):
        name = " ".join(part.split())
        if name:
            names[name] = None
    return tuple(names)


def parse_external_ids(text: str) -> dict[str, str]:
    """``he_thong_quoc_gia: NV-2025-0123``, one per line, into ``{system: id}``. ValueError with
    the line at fault when a line has no ``:`` or an empty side, or there are too many."""
    found: dict[str, str] = {}
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_EXTERNAL_IDS:
        raise ValueError(
            _("at most %(limit)s identifiers, one per line.") % {"limit": MAX_EXTERNAL_IDS}
        )
    for line in lines:
        system, colon, identifier = line.partition(":")
        system, identifier = system.strip(), identifier.strip()
        if not colon or not system or not identifier or len(line) > 200:
            raise ValueError(_("“%(line)s” is not “system: identifier”.") % {"line": line[:100]})
        found[system] = identifier
    return found


def external_ids_text(ids: dict[str, str]) -> str:
    return "\n".join(f"{system}: {identifier}" for system, identifier in sorted(ids.items()))


def read_due(text: str) -> Due:
    """The time a coordinator typed, parsed as a plan's time is; ValueError naming the shapes
    it may take when it is none of them (``sớm``, ``31/02/2026``)."""
    text = " ".join((text or "").split())
    if not text:
        raise ValueError(_("give the time the task is due."))
    if len(text) > MAX_DUE:
        raise ValueError(_("at most %(limit)s characters.") % {"limit": MAX_DUE})
    due = parse_due(text)
    if due.kind == "unspecified":
        raise ValueError(
            _(
                "“%(text)s” is not a time: write a date (30/06/2026), a month (6/2026), a "
                "quarter (Quý II/2026), a year (2026), a range (2026 - 2030) or “Thường xuyên”."
            )
            % {"text": text[:100]}
        )
    return due


def unknown_agencies(names: Sequence[str], resolver: Resolver) -> list[str]:
    """The names no organisation answers to (a collective phrase such as ``Các sở, ban,
    ngành`` is not unknown)."""
    return [name for name in names if resolver.resolve(name).unresolved]


def agency_problem(names: Sequence[str], resolver: Resolver) -> str | None:
    if len(names) > MAX_AGENCIES:
        return _("at most %(limit)s agencies.") % {"limit": MAX_AGENCIES}
    long = [name for name in names if len(name) > MAX_AGENCY_NAME]
    if long:
        return _("an agency's name has at most %(limit)s characters.") % {"limit": MAX_AGENCY_NAME}
    unknown = unknown_agencies(names, resolver)
    if unknown:
        return _(
            "no agency is known as %(names)s; write the name as the list of agencies has it."
        ) % {"names": ", ".join(f"“{name[:100]}”" for name in unknown)}
    return None


def reason_problem(reason: str) -> str | None:
    reason = reason.strip()
    if not reason:
        return _("give the reason of the amendment.")
    if len(reason) > MAX_REASON:
        return _("at most %(limit)s characters.") % {"limit": MAX_REASON}
    return None


def day_problem(day: datetime.date | None, today: datetime.date) -> str | None:
    if day is None:
        return _("give the date.")
    if day > today:
        return _("the date cannot be in the future.")
    return None


# --- values as an amendment shows them ------------------------------------------------------


def shown_names(names: Sequence[str]) -> str:
    return "; ".join(names) or "—"


def shown_day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def shown_yes(value: bool) -> str:
    return pgettext("amendment", "yes") if value else pgettext("amendment", "no")


def shown_number(value: float | None) -> str:
    return vn_number(value, 4) if value is not None else "—"


def shown_year(value: int | None) -> str:
    return str(value) if value is not None else "—"

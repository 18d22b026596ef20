"""References to other documents, dated: a resolution is its number, its year and its issuer,
not its number alone (``50/NQ-CP`` of 2020 is the Government's programme for ``52-NQ/TW``; a
``50/NQ-CP`` of 2025 is another resolution).

A reference's year is the one its date gives (``Nghị quyết số 03/NQ-CP ngày 09/01/2025``),
or the one its number carries (``45/2025/NĐ-CP``); otherwise it is not known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from theodoi.ingest.fields.dates import find_date_spans
from theodoi.ingest.fields.docnumbers import find_document_numbers
from theodoi.ingest.textnorm import normalize_text


@dataclass(frozen=True)
class Reference:
    number: str
    year: int | None


# The national programmes that put a resolution of the Party into effect, with their year:
# a plan that implements one implements the resolution behind it (SCHEMA.md: ``57-NQ/TW``
# behind ``03/NQ-CP``).
PROGRAMMES: dict[tuple[str, int], str] = {
    ("03/NQ-CP", 2025): "57-NQ/TW",
    ("50/NQ-CP", 2020): "52-NQ/TW",
}
# A reference written without its date is taken for the programme only by a plan written
# while that programme runs (a programme is followed by plans over some five years).
_PROGRAMME_YEARS = 5
_DATE_AFTER = re.compile(r"^[\s,]*(?:ngày|ngày ban hành)?\s*")
_OWN_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def find_references(text: str) -> list[Reference]:
    """Every document number in ``text`` with the year its date or its number gives."""
    text = normalize_text(text)
    out: list[Reference] = []
    for number in find_document_numbers(text):
        year: int | None = None
        own = _OWN_YEAR.search(number)
        if own:
            year = int(own.group(1))
        at = text.find(number)
        if year is None and at != -1:
            after = text[at + len(number) : at + len(number) + 40]
            lead = _DATE_AFTER.match(after)
            spans = find_date_spans(after)
            if spans and lead and spans[0][0] <= lead.end():
                year = spans[0][2].year
        out.append(Reference(number, year))
    return out


def programme_behind(reference: Reference, plan_year: int | None) -> str | None:
    """The resolution a national programme puts into effect, when ``reference`` is that
    programme: its year matches, or it is undated and the plan falls in the programme's
    years."""
    for (number, year), behind in PROGRAMMES.items():
        if reference.number != number:
            continue
        if reference.year is not None:
            if reference.year == year:
                return behind
        elif plan_year is None or year <= plan_year <= year + _PROGRAMME_YEARS:
            return behind
    return None

"""What a plan's own words say about the time its parts are for: the period its title
states (``năm 2026``, ``giai đoạn 2026 - 2030``, ``đến năm 2030``), which is the year of a
target whose text names none (extraction/SCHEMA.md)."""

from __future__ import annotations

import re

from theodoi.ingest.fields.dates import find_date_spans

# ``giai đoạn 2026 - 2030``, ``năm 2026``, ``đến năm 2030``, ``2026-2030``; a vision
# (``tầm nhìn đến năm 2045``) or an orientation lies past the plan's own period.
_PERIOD = re.compile(
    r"(?<!tầm nhìn )(?<!định hướng )(?<!định hướng đến )(?<!tầm nhìn đến )"
    r"\b(?:giai đoạn|năm|đến năm|đến|thời kỳ)\s+((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b"
    r"|(?<![\d/])((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def period_end(title: str | None) -> int | None:
    """The last year of the period a plan's title states, or None."""
    if not title:
        return None
    text = title
    for start, end, _ in reversed(find_date_spans(text)):  # ``ngày 22/12/2024`` is no period
        text = text[:start] + " " * (end - start) + text[end:]
    text = re.sub(r"\b\d+/(?:19|20)\d\d/\S+", " ", text)  # ``45/2025/NĐ-CP``
    match = _PERIOD.search(text)
    if match is None:
        return None
    years = [int(g) for g in match.groups() if g]
    return max(years)

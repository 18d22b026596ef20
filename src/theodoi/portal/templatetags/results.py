"""Template helpers for evaluation results: chart data and per-cent figures in the page's
number format. Shared by the portal and the staff dashboard."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from theodoi.evaluation.wording import PERCENT_DIGITS, as_percent, grouped
from theodoi.snapshots.reading import Summary

register = template.Library()

_BAR_COLOURS = {"green": "#2e8b4a", "yellow": "#e0a800", "red": "#c0392b", "grey": "#a7b0b9"}


@register.filter
def percent(share: float | str | None) -> str:
    """``0.125`` -> ``12,5%``, ``1.0`` -> ``100%``: a share written as the explanations write it
    (``evaluation.wording.vn_percent``: one decimal, rounded half up, no trailing zero) in the
    page's number format; a dash when there is no figure (a result not computed yet reads as
    an empty string in a template)."""
    if not isinstance(share, int | float):
        return "—"
    return f"{figure(as_percent(share), PERCENT_DIGITS)}%"


@register.filter
def share_segments(colours: dict[str, int]) -> list[tuple[str, int, int]]:
    """The colour bar's pieces as ``(colour, start, width)`` in tasks, drawn as SVG rectangles
    on a scale of all tasks: attributes, not ``style="width: …"``, which the CSP refuses."""
    segments, start = [], 0
    for colour, count in colours.items():
        if count:
            segments.append((colour, start, count))
            start += count
    return segments


@functools.lru_cache(maxsize=8)
def _separators(language: str | None) -> tuple[str, str]:
    """The decimal and thousand separators of ``language``'s number format (both of
    ``LANGUAGES`` group digits by three)."""
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


@register.filter
def figure(value: float | str | None, digits: int = 2) -> str:
    """A figure with grouping and up to ``digits`` decimals, rounded half up as everywhere
    (``evaluation.wording.grouped``), no trailing zeros; a dash when there is none."""
    return _written(value, digits, _separators(get_language()))


def _written(value: float | str | None, digits: int, separators: tuple[str, str]) -> str:
    # A dashboard shows some 650 figures: each written with the language's separators, read
    # once a language, not through Django's number format (three format lookups a figure).
    if not isinstance(value, int | float):
        return "—"
    return grouped(value, digits, *separators)


@functools.lru_cache(maxsize=4096)
def _day_text(iso: str, date_format: str) -> str:
    # Reports fall on few days, the same for every indicator of a plan, and Django's date
    # format takes 10 µs a day: each day is written once per format.
    return dateformat.format(datetime.date.fromisoformat(iso), date_format)


@register.filter
def value_rows(values: list[tuple[str, float]]) -> list[tuple[str, str]]:
    """An indicator's accepted values ``(ISO day, value)`` as the rows of its table, the day
    and the figure written in the page's formats: a dashboard of 40 indicators lists some 440,
    and two filters a cell, resolved by the template, were a third of its render."""
    short_date, separators = get_format("SHORT_DATE_FORMAT"), _separators(get_language())
    return [(_day_text(on, short_date), _written(value, 2, separators)) for on, value in values]


@register.simple_tag
def indicator_chart(result: dict[str, Any]) -> dict[str, Any]:
    """Data of an indicator's chart: its accepted values and the path to its target."""
    return {
        "kind": "line",
        "values": result.get("values", []),
        "path": result.get("path", []),
        "labels": {"values": _("Accepted values"), "path": _("Path to the target")},
    }


@register.simple_tag
def status_chart(summary: Summary) -> dict[str, Any]:
    """Data of a bar chart of tasks by status."""
    return {
        "kind": "bar",
        "title": _("Tasks"),
        "labels": [s.status.label for s in summary.statuses],
        "counts": [s.count for s in summary.statuses],
        "colours": [_BAR_COLOURS[s.colour] for s in summary.statuses],
    }


@register.filter
def get(mapping: dict[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key)


@register.filter
def chart_id(pk: int) -> str:
    return f"chart-{pk}"


@register.filter
def day(iso: str | None) -> datetime.date | None:
    """An ISO date from a snapshot, as a date for Django's ``date`` filter."""
    return datetime.date.fromisoformat(iso) if iso else None

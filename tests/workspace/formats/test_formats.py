"""Numbers and dates on screen are written as Vietnamese offices write them."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("template", "value", "shown"),
    [
        ("{{ v }}", 1234567, "1.234.567"),
        ("{{ v|floatformat:1 }}", 1234.5, "1.234,5"),
        ("{{ v|floatformat:2 }}", 0.7, "0,70"),
        ("{{ v }}", 12.5, "12,5"),
        ('{{ v|date:"SHORT_DATE_FORMAT" }}', datetime.date(2025, 2, 25), "25/02/2025"),
        ("{{ v|date }}", datetime.date(2025, 2, 25), "ngày 25 tháng 2 năm 2025"),
        # A year is an identifier, never grouped like an amount.
        ('{{ v|stringformat:"s" }}', 2030, "2030"),
    ],
)
def test_values_are_shown_in_vietnamese_style(template: str, value: object, shown: str) -> None:
    with translation.override("vi"):
        assert Template(template).render(Context({"v": value})) == shown

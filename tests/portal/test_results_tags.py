"""Figures on pages in the page's number format (vi: 1.234,5), and a dash where none exists."""

import pytest
from django.utils import translation

from theodoi.evaluation.wording import vn_percent
from theodoi.portal.templatetags.results import figure, percent, value_rows


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (1234.5, 2, "1.234,5"),
        (1234567.26, 1, "1.234.567,3"),
        (2.675, 2, "2,68"),  # round() gives 2,67
        (0.125, 2, "0,13"),  # round() gives 0,12
        (55.0, 2, "55"),
        (0.0, 2, "0"),
        (-1234.567, 2, "-1.234,57"),
        (-0.001, 2, "0"),  # not "-0", as the explanations write it
        (None, 2, "—"),
        ("", 2, "—"),  # a result not computed yet, as a template resolves it
    ],
)
def test_figures_read_the_vietnamese_way(value: object, digits: int, shown: str) -> None:
    with translation.override("vi"):
        assert figure(value, digits) == shown  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.125, "12,5%"),
        (1.0, "100%"),
        (0.0956, "9,6%"),  # Django's number format cut it to 9,5%
        (0.0955, "9,6%"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_shares_read_as_per_cent(share: object, shown: str) -> None:
    with translation.override("vi"):
        assert percent(share) == shown  # type: ignore[arg-type]


@pytest.mark.parametrize("share", [0.0955, 0.0956, 0.125, 1.3 / 2.3, 0.97757, 0.15, 1.0, 0.0])
def test_a_page_writes_a_share_as_the_explanations_do(share: float) -> None:
    with translation.override("vi"):
        assert percent(share) == vn_percent(share)


def test_figures_follow_the_language_of_the_page() -> None:
    with translation.override("en"):
        assert figure(1234567.25, 1) == "1,234,567.3"
        assert percent(0.125) == "12.5%"


def test_an_indicators_table_writes_each_day_and_value_in_the_pages_formats() -> None:
    values = [("2025-02-25", 1234.5), ("2026-12-31", 0.125)]
    with translation.override("vi"):
        assert value_rows(values) == [("25/02/2025", "1.234,5"), ("31/12/2026", "0,13")]
    with translation.override("en"):
        assert value_rows(values) == [("02/25/2025", "1,234.5"), ("12/31/2026", "0.13")]

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.evaluation.wording import (
    as_percent,
    rounded,
    vn_date,
    vn_number,
    vn_percent,
    vn_sort_key,
)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (1234.5, 2, "1.234,5"),
        (70, 2, "70"),
        (0.15, 2, "0,15"),
        (-0.001, 2, "0"),
        (1997.4, 1, "1.997,4"),
        (-11.857, 2, "-11,86"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value: float, digits: int, text: str) -> None:
    assert vn_number(value, digits) == text


def test_shares_and_dates() -> None:
    assert vn_percent(1.3 / 2.3) == "56,5%"
    assert vn_date(datetime.date(2025, 6, 1)) == "01/06/2025"


def test_names_sort_as_in_a_vietnamese_dictionary() -> None:
    names = [
        "Sở Y tế",
        "Sở Xây dựng",
        "Sở Đ",
        "Sở Du lịch",
        "Sở Dân tộc",
        "Sở Nội vụ",
        "Sở Ngoại vụ",
    ]
    assert sorted(names, key=vn_sort_key) == [
        "Sở Dân tộc",
        "Sở Du lịch",
        "Sở Đ",
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Sở Xây dựng",
        "Sở Y tế",
    ]


def test_tones_only_break_ties_between_the_same_letters() -> None:
    # ma, mà, mả, mã, má, mạ: ngang, huyền, hỏi, ngã, sắc, nặng; "mai" after all of them.
    words = ["mai", "mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=vn_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2.675, 2, 2.68),  # round() gives 2.67: the float is just under 2.675
        (0.125, 2, 0.13),  # round() gives 0.12: half to even
        (9.55, 1, 9.6),
        (9.56, 1, 9.6),  # Django's number format cut it to 9.5
        (25.25, 1, 25.3),
        (-0.25, 1, -0.3),  # half away from zero
        (1234.5, 0, 1235.0),
        (0.1 + 0.2, 2, 0.3),
        (70.0, 1, 70.0),
    ],
)
def test_every_figure_rounds_half_up_as_a_reader_does(
    value: float, digits: int, expected: float
) -> None:
    assert rounded(value, digits) == expected


@pytest.mark.parametrize(
    ("share", "per_cent"),
    [(0.0955, 9.6), (0.0956, 9.6), (0.0954, 9.5), (0.125, 12.5), (1.3 / 2.3, 56.5), (1.0, 100.0)],
)
def test_a_share_is_a_per_cent_with_one_decimal(share: float, per_cent: float) -> None:
    assert as_percent(share) == per_cent
    assert vn_percent(share) == vn_number(per_cent, 1) + "%"


def _decimal_rounding(value: float, digits: int) -> float:
    """The rule as first written: the printed decimal rounded half up in decimal arithmetic."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
        st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: n / 1000),
        st.integers(min_value=-(10**6), max_value=10**6).map(lambda n: (2 * n + 1) / 200),
        st.integers(min_value=-(10**6), max_value=10**6),
    ),
    st.integers(min_value=0, max_value=3),
)
def test_a_figure_rounds_as_its_printed_decimal_rounded_half_up(value: float, digits: int) -> None:
    assert repr(rounded(value, digits)) == repr(_decimal_rounding(value, digits))

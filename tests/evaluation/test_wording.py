import datetime

import pytest

from theodoi.evaluation.wording import vn_date, vn_number, vn_percent, vn_sort_key


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

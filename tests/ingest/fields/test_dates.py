from __future__ import annotations

import datetime

import pytest

from theodoi.ingest.fields.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Quảng Ngãi, ngày 18 tháng 5 năm 2020", datetime.date(2020, 5, 18)),
        ("Hà Nội, ngày 09 tháng 01 năm 2025", datetime.date(2025, 1, 9)),
        ("Hà Nội, ngày 22 tháng 12 năm 2024", datetime.date(2024, 12, 22)),
        ("TIỀN GIANG, NGÀY 25 THÁNG 02 NĂM 2025", datetime.date(2025, 2, 25)),
        ("Quảng Nam, ngày 24 tháng  2  năm 2025", datetime.date(2025, 2, 24)),
        ("Kèm theo Kế hoạch số 69/KH-UBND ngày 25/02/2025", datetime.date(2025, 2, 25)),
        ("ngày 24/2/2025", datetime.date(2025, 2, 24)),
        ("ngày 8-12-2021", datetime.date(2021, 12, 8)),
        ("ngày 18.5.2020", datetime.date(2020, 5, 18)),
        ("Nghị định 45/2025/NĐ-CP", None),
        ("tháng 5/2025", None),
        ("giai đoạn 2021 - 2030", None),
        ("ngày 31/02/2025", None),
        ("ngày 30 tháng 13 năm 2025", None),
        ("", None),
    ],
)
def test_the_first_real_date_is_read(text: str, date: datetime.date | None) -> None:
    assert parse_date(text) == date


def test_an_impossible_date_is_skipped_for_the_next_real_one() -> None:
    assert find_dates("từ 31/02/2025 đến ngày 15 tháng 6 năm 2025, rồi 01/12/2025") == [
        datetime.date(2025, 6, 15),
        datetime.date(2025, 12, 1),
    ]


def test_dates_come_in_the_order_they_are_written() -> None:
    text = "Nghị quyết 57-NQ/TW ngày 22/12/2024 và Nghị quyết 03/NQ-CP ngày 09 tháng 01 năm 2025"
    assert find_dates(text) == [datetime.date(2024, 12, 22), datetime.date(2025, 1, 9)]

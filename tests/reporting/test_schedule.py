import datetime
from pathlib import Path

import pytest

from theodoi.ingest.schedule import Schedule, parse_schedule
from theodoi.reporting.schedule import ProposedRound, propose_round

SHARED = Path("/work/shared")
D = datetime.date


def document(name: str) -> str:
    folder = "seeds" if (SHARED / "seeds" / name).exists() else "reference"
    return (SHARED / folder / name).read_text(encoding="utf-8")


def test_seed_004_reports_before_1_june_and_15_november() -> None:
    schedule = parse_schedule(document("004_aea82470e0b2daef.txt"))
    assert schedule is not None
    assert schedule.dates == ((1, 6), (15, 11))
    assert schedule.describe() == "Trước ngày 01/6 và 15/11 hằng năm"
    assert "báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ" in schedule.text


def test_resolution_03_dates_win_over_its_six_month_period() -> None:
    schedule = parse_schedule(document("nq-03-nq-cp-2025.txt"))
    assert schedule is not None
    assert schedule.dates == ((15, 6), (1, 12))
    assert schedule.every_months is None


def test_resolution_57_reports_every_six_months() -> None:
    schedule = parse_schedule(document("nq-57-nq-tw-2024.txt"))
    assert schedule == Schedule(every_months=6, text=schedule.text if schedule else "")


@pytest.mark.parametrize(
    "name", ["000_7358453b67115249.txt", "001_83f868006df64d46.txt", "002_1813b2d7934d17d9.txt"]
)
def test_seeds_without_a_reporting_sentence_set_no_schedule(name: str) -> None:
    assert parse_schedule(document(name)) is None


def test_seed_003_periodic_report_without_dates_or_period_sets_no_schedule() -> None:
    # "định kỳ báo cáo UBND tỉnh kết quả thực hiện": how often is not said.
    assert parse_schedule(document("003_de113db257313a93.txt")) is None


@pytest.mark.parametrize(
    ("text", "dates", "months"),
    [
        ("Định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ.", (), 3),
        ("Các đơn vị báo cáo hằng năm kết quả thực hiện trước ngày 15/12.", ((15, 12),), None),
        ("định kỳ hàng năm báo cáo UBND tỉnh", (), 12),
        ("báo cáo định kỳ hằng tháng về Văn phòng", (), 1),
        (
            "trước ngày 20 tháng 6 và ngày 20 tháng 12 hằng năm báo cáo kết quả",
            ((20, 6), (20, 12)),
            None,
        ),
    ],
)
def test_schedule_sentences_as_plans_write_them(
    text: str, dates: tuple[tuple[int, int], ...], months: int | None
) -> None:
    schedule = parse_schedule(text)
    assert schedule is not None
    assert (schedule.dates, schedule.every_months) == (dates, months)


@pytest.mark.parametrize(
    "text",
    [
        # A one-off deadline with its year is not a yearly schedule.
        "Báo cáo kết quả trước ngày 15/12/2025 về Sở Nội vụ.",
        "báo cáo kết quả trước ngày 15 tháng 12 năm 2025",
        # A yearly plan of work that says nothing of reporting.
        "lồng ghép vào kế hoạch công tác hằng năm của cơ quan",
        "Ban hành Kế hoạch số 66/KH-UBND ngày 15/4/2025",
        "trước ngày 31/2 hằng năm báo cáo",
    ],
)
def test_no_schedule_is_read_from_sentences_that_state_none(text: str) -> None:
    assert parse_schedule(text) is None


def test_a_schedule_needs_dates_or_a_period_but_not_both() -> None:
    with pytest.raises(ValueError, match="hoặc"):
        Schedule()
    with pytest.raises(ValueError, match="hoặc"):
        Schedule(dates=((1, 6),), every_months=6)
    with pytest.raises(ValueError, match="30/2"):
        Schedule(dates=((30, 2),))


SEED_004 = Schedule(dates=((1, 6), (15, 11)))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            D(2026, 3, 10),
            ProposedRound(D(2025, 11, 15), D(2026, 5, 31), D(2026, 5, 31), D(2026, 6, 1)),
        ),
        (
            D(2026, 6, 1),
            ProposedRound(D(2026, 6, 1), D(2026, 11, 14), D(2026, 11, 14), D(2026, 11, 15)),
        ),
        (
            D(2026, 12, 20),
            ProposedRound(D(2026, 11, 15), D(2027, 5, 31), D(2027, 5, 31), D(2027, 6, 1)),
        ),
    ],
)
def test_next_round_of_seed_004_runs_from_the_last_date_to_the_next(
    today: datetime.date, expected: ProposedRound
) -> None:
    assert propose_round(SEED_004, today=today) == expected


def test_every_six_months_counts_from_the_plan_issue_date() -> None:
    proposed = propose_round(Schedule(every_months=6), today=D(2026, 1, 5), anchor=D(2025, 2, 28))
    assert (proposed.period_start, proposed.deadline) == (D(2025, 8, 28), D(2026, 2, 28))

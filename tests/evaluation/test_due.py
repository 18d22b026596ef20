import datetime

import pytest

from tests.evaluation.gold import NQ03, TIEN_GIANG, due_of, gold_task
from theodoi.evaluation import Due, EvaluationInputError, due_date

D = datetime.date


@pytest.mark.parametrize(
    ("document", "code", "written", "expected"),
    [
        # A year-only time falls due on 31/12 of that year.
        (TIEN_GIANG, "PL2.1", "Năm 2025", D(2025, 12, 31)),
        (TIEN_GIANG, "PL2.19", "Năm 2026", D(2026, 12, 31)),
        # A month falls due on its last day; February 2025 has 28 days.
        (NQ03, "PL2.1", "6/2025", D(2025, 6, 30)),
        (NQ03, "PL2.20", "2/2025", D(2025, 2, 28)),
        (NQ03, "PL2.16", "Tháng 10/2025", D(2025, 10, 31)),
        # Quý II ends on 30/6.
        (NQ03, "PL2.123", "Quý II/2025", D(2025, 6, 30)),
        # A range falls due at the end of its last year.
        (TIEN_GIANG, "PL2.50", "2026 - 2030", D(2030, 12, 31)),
        # A year with a condition beside it is still a year: the condition does not hold it.
        (TIEN_GIANG, "PL2.56", "2025 và theo tiến độ Bộ Y tế quy định", D(2025, 12, 31)),
    ],
)
def test_a_dated_time_falls_due_at_the_end_of_its_period(
    document: str, code: str, written: str, expected: datetime.date
) -> None:
    assert gold_task(document, code)["due"]["text"] == written
    assert due_date(due_of(document, code)).on == expected


@pytest.mark.parametrize(
    ("document", "code", "written", "says"),
    [
        (TIEN_GIANG, "PL2.2", "Thường xuyên", "theo từng kỳ báo cáo"),
        (TIEN_GIANG, "PL2.44", "Hàng năm", "theo từng kỳ báo cáo"),
        (TIEN_GIANG, "PL2.42", "Năm 2025 và các năm tiếp theo", "không có hạn cuối"),
        (NQ03, "PL2.42", None, "không ghi thời hạn"),
    ],
)
def test_recurring_open_ended_and_unspecified_times_never_fall_due(
    document: str, code: str, written: str | None, says: str
) -> None:
    assert gold_task(document, code)["due"]["text"] == written
    due = due_date(due_of(document, code))
    assert due.on is None
    assert not due.waiting
    assert says in due.why


def test_a_conditional_time_waits_for_its_condition() -> None:
    due = due_date(due_of(TIEN_GIANG, "PL2.4"))
    assert due.on is None
    assert due.waiting
    assert "sau khi Thủ tướng Chính phủ ban hành Quyết định" in due.why


def test_a_met_condition_falls_due_on_the_day_the_coordinator_set() -> None:
    due = due_date(due_of(TIEN_GIANG, "PL2.4", condition_met_on=D(2025, 9, 15), on=D(2025, 12, 31)))
    assert due.on == D(2025, 12, 31)
    assert not due.waiting
    assert "15/09/2025" in due.why
    assert "31/12/2025" in due.why


def test_a_met_condition_without_a_set_day_has_no_due_date_yet() -> None:
    due = due_date(due_of(TIEN_GIANG, "PL2.7", condition_met_on=D(2025, 9, 15)))
    assert (due.on, due.waiting) == (None, False)
    assert "chưa ấn định thời hạn" in due.why


def test_a_day_falls_due_that_day_and_february_of_a_leap_year_on_the_29th() -> None:
    assert due_date(Due("date", on=D(2025, 11, 15))).on == D(2025, 11, 15)
    assert due_date(Due("month", start_year=2028, end_year=2028, month=2)).on == D(2028, 2, 29)


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"kind": "month", "start_year": 2025, "end_year": 2025, "month": 13}, "Tháng"),
        ({"kind": "quarter", "start_year": 2025, "end_year": 2025, "quarter": 5}, "Quý"),
        ({"kind": "year"}, "thiếu năm"),
        ({"kind": "date"}, "thiếu năm, tháng, quý hoặc ngày"),
        ({"kind": "range", "start_year": 2030, "end_year": 2026}, r"Năm kết thúc \(2026\)"),
        ({"kind": "weekly"}, "Loại thời hạn không hợp lệ"),
    ],
)
def test_contradictory_times_are_refused_with_a_vietnamese_message(
    fields: dict[str, object], names: str
) -> None:
    with pytest.raises(EvaluationInputError, match=names):
        Due(**fields)  # type: ignore[arg-type]

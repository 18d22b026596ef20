from __future__ import annotations

from typing import Any

import pytest

from tests.ingest.fields.gold import gold_params, gold_tasks
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Due


@pytest.mark.parametrize("task", gold_params(gold_tasks()))
def test_every_gold_time_parses_to_the_gold_due(task: dict[str, Any]) -> None:
    assert parse_due(task["due"]["text"]).to_dict() == task["due"]


def due(
    text: str | None, kind: str, start: int | None = None, end: int | None = None, **kw: Any
) -> Due:
    return Due(text=text, kind=kind, start_year=start, end_year=end, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (None, Due()),
        ("", Due()),
        ("  -  ", Due()),
        ("Năm 2025.", due("Năm 2025", "year", 2025, 2025)),
        ("Trong năm 2026", due("Trong năm 2026", "year", 2026, 2026)),
        ("Đến năm 2030", due("Đến năm 2030", "year", 2030, 2030)),
        ("- Thời gian thực hiện: Năm 2021.", due("Năm 2021", "year", 2021, 2021)),
        ("Giai đoạn 2021-2025", due("Giai đoạn 2021-2025", "range", 2021, 2025)),
        ("Từ năm 2021 đến năm 2025", due("Từ năm 2021 đến năm 2025", "range", 2021, 2025)),
        ("2025 – 2026", due("2025 - 2026", "range", 2025, 2026)),
        ("Từ năm 2025", due("Từ năm 2025", "range", 2025, None)),
        ("Từ năm 2025 trở đi", due("Từ năm 2025 trở đi", "range", 2025, None)),
        ("Năm 2025, 2026", due("Năm 2025, 2026", "range", 2025, 2026)),
        (
            "Năm 2025 và các năm tiếp theo",
            due("Năm 2025 và các năm tiếp theo", "range", 2025, None),
        ),
        ("31/12/2025", due("31/12/2025", "date", 2025, 2025, date="2025-12-31")),
        (
            "Trước ngày 30/6/2025",
            due("Trước ngày 30/6/2025", "date", 2025, 2025, date="2025-06-30"),
        ),
        (
            "ngày 15 tháng 11 năm 2025",
            due("ngày 15 tháng 11 năm 2025", "date", 2025, 2025, date="2025-11-15"),
        ),
        ("Tháng 10/2025", due("Tháng 10/2025", "month", 2025, 2025, month=10)),
        ("tháng 6 năm 2025", due("tháng 6 năm 2025", "month", 2025, 2025, month=6)),
        ("06/2025", due("06/2025", "month", 2025, 2025, month=6)),
        ("Quý II/2025", due("Quý II/2025", "quarter", 2025, 2025, quarter=2)),
        ("Quý IV năm 2026", due("Quý IV năm 2026", "quarter", 2026, 2026, quarter=4)),
        ("quý 3/2025", due("quý 3/2025", "quarter", 2025, 2025, quarter=3)),
        ("Quý I, II/2025", due("Quý I, II/2025", "quarter", 2025, 2025, quarter=2)),
        ("Quý III - IV/2025", due("Quý III - IV/2025", "quarter", 2025, 2025, quarter=4)),
        ("Quý IV/2025 - Quý I/2026", due("Quý IV/2025 - Quý I/2026", "range", 2025, 2026)),
        ("6 tháng đầu năm 2025", due("6 tháng đầu năm 2025", "month", 2025, 2025, month=6)),
        ("Sáu tháng cuối năm 2026", due("Sáu tháng cuối năm 2026", "month", 2026, 2026, month=12)),
        ("Trước tháng 6/2025", due("Trước tháng 6/2025", "month", 2025, 2025, month=6)),
        (
            "Năm 2025 và giai đoạn tiếp theo",
            due("Năm 2025 và giai đoạn tiếp theo", "range", 2025, None),
        ),
        (
            "Giai đoạn 2021-2025 và 2026-2030",
            due("Giai đoạn 2021-2025 và 2026-2030", "range", 2021, 2030),
        ),
        (
            "Trình HĐND tỉnh tại kỳ họp cuối năm 2025",
            due("Trình HĐND tỉnh tại kỳ họp cuối năm 2025", "year", 2025, 2025),
        ),
        (
            "Ngay sau khi Nghị quyết được ban hành",
            due(
                "Ngay sau khi Nghị quyết được ban hành",
                "conditional",
                condition="Ngay sau khi Nghị quyết được ban hành",
            ),
        ),
        ("Hằng năm", due("Hằng năm", "recurring")),
        ("Định kỳ hằng quý", due("Định kỳ hằng quý", "recurring")),
        ("Thường xuyên, liên tục", due("Thường xuyên, liên tục", "recurring")),
        ("Trước ngày 15/11 hằng năm", due("Trước ngày 15/11 hằng năm", "recurring")),
        (
            "Hằng năm, giai đoạn 2025 - 2030",
            due("Hằng năm, giai đoạn 2025 - 2030", "recurring", 2025, 2030),
        ),
        (
            "Năm 2025, sau khi Nghị định 45/2025/NĐ-CP có hiệu lực",
            due(
                "Năm 2025, sau khi Nghị định 45/2025/NĐ-CP có hiệu lực",
                "year",
                2025,
                2025,
                condition="sau khi Nghị định 45/2025/NĐ-CP có hiệu lực",
            ),
        ),
        (
            "Sau khi Quyết định số 37/2018/QĐ-TTg được sửa đổi",
            due(
                "Sau khi Quyết định số 37/2018/QĐ-TTg được sửa đổi",
                "conditional",
                condition="Sau khi Quyết định số 37/2018/QĐ-TTg được sửa đổi",
            ),
        ),
        (
            "Theo lộ trình của Bộ Công an",
            due(
                "Theo lộ trình của Bộ Công an",
                "conditional",
                condition="Theo lộ trình của Bộ Công an",
            ),
        ),
        (
            "Khi có chủ trương của Tỉnh ủy",
            due(
                "Khi có chủ trương của Tỉnh ủy",
                "conditional",
                condition="Khi có chủ trương của Tỉnh ủy",
            ),
        ),
        ("Tháng 12 hằng năm", due("Tháng 12 hằng năm", "recurring")),
        ("Quý III/2026", due("Quý III/2026", "quarter", 2026, 2026, quarter=3)),
        ("2026-2030", due("2026-2030", "range", 2026, 2030)),
        ("Trước 30/6/2026", due("Trước 30/6/2026", "date", 2026, 2026, date="2026-06-30")),
    ],
)
def test_time_shapes_of_other_plans(written: str | None, expected: Due) -> None:
    assert parse_due(written) == expected


def test_an_impossible_date_is_not_taken_for_a_day() -> None:
    parsed = parse_due("31/02/2025")
    assert parsed.kind != "date"
    assert parsed.date is None


def test_a_month_number_above_twelve_is_not_a_month() -> None:
    assert parse_due("13/2025").kind != "month"


@pytest.mark.parametrize("written", ["Chưa xác định", "Đã hoàn thành", "Theo dõi", "Ưu tiên"])
def test_words_that_name_no_time_and_no_condition_are_unspecified_and_kept(written: str) -> None:
    assert parse_due(written) == Due(text=written, kind="unspecified")


@pytest.mark.parametrize(
    "written",
    [
        "Trước ngày 31/01 năm liền kề",
        "trước ngày 05 của tháng liền kề",
        "trước ngày 15 tháng cuối quý",
    ],
)
def test_a_deadline_repeated_each_period_is_recurring_with_its_rule(written: str) -> None:
    # issue 9, item 6
    assert parse_due(written) == Due(text=written, kind="recurring")


@pytest.mark.parametrize(
    "written",
    [
        "Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015",
        "Theo các mốc thời gian tại Quyết định số 749/QĐ-TTg ngày 03/6/2020",
        "theo kế hoạch của tỉnh",
    ],
)
def test_a_time_that_cites_another_document_is_conditional_without_its_date(written: str) -> None:
    # issue 9, item 5
    due = parse_due(written)
    assert (due.kind, due.date, due.start_year, due.condition) == (
        "conditional",
        None,
        None,
        written,
    )


def test_a_month_or_quarter_without_its_year_takes_the_year_its_context_gives() -> None:
    assert parse_due("Tháng 3", year=2026) == due("Tháng 3", "month", 2026, 2026, month=3)
    assert parse_due("Quý IV", year=2026) == due("Quý IV", "quarter", 2026, 2026, quarter=4)
    assert parse_due("Tháng 3") == Due(text="Tháng 3", kind="unspecified")


@pytest.mark.parametrize(
    "written",
    ["6 tháng một lần", "3 tháng 1 lần", "Trước mỗi kỳ họp", "sau mỗi đợt kiểm tra", "Mỗi quý"],
)
def test_a_time_that_comes_back_every_so_often_is_recurring(written: str) -> None:
    assert parse_due(written) == Due(text=written, kind="recurring")


def test_a_deadline_in_each_year_of_the_plan_is_recurring() -> None:
    # A decision approving a programme asks for its yearly plan by a day of each year.
    written = "trước ngày 31/3 của năm kế hoạch"
    assert parse_due(written) == Due(text=written, kind="recurring")


@pytest.mark.parametrize(
    "written",
    ["Trước kỳ họp thứ nhất Quốc hội khóa XVI", "Tại Hội nghị Trung ương 12", "Sau Đại hội"],
)
def test_a_time_tied_to_a_meeting_without_a_date_is_conditional_on_it(written: str) -> None:
    assert parse_due(written) == Due(text=written, kind="conditional", condition=written)


def test_a_meeting_with_its_month_falls_due_in_that_month() -> None:
    assert parse_due("Kỳ họp thứ 9 (tháng 5/2025)").kind == "month"

"""The plan's Excel tables read back with openpyxl: every task in the plan's order under its
group with its status, progress and last result; every indicator with target and latest
figure; a header that stays in view."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.builders import AS_OF
from tests.exports.conftest import RESULT, reported_tasks
from theodoi.evaluation import TaskStatus
from theodoi.exports.content import plan_report
from theodoi.exports.excel import plan_table_xlsx
from theodoi.reporting.models import IndicatorValue, ReportingRound

LABELS = {status.label for status in TaskStatus}


@pytest.fixture
def workbook(reported_round: ReportingRound, coordinator: User) -> Workbook:
    report = plan_report(reported_round.plan, user=coordinator, as_of=AS_OF)
    return load_workbook(io.BytesIO(plan_table_xlsx(report)))


def test_every_task_is_listed_under_its_group_with_a_status(
    workbook: Workbook, reported_round: ReportingRound
) -> None:
    sheet = workbook["Nhiệm vụ"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = []
    for group in reported_round.plan.groups.order_by("position"):
        expected.append((group.code, group.title))
        expected.extend((t.code, t.title) for t in group.tasks.order_by("position", "pk"))
    assert [(row[0], row[1]) for row in rows] == expected
    task_rows = [row for row in rows if row[6]]
    assert len(task_rows) == reported_round.plan.tasks.count()
    assert {row[6] for row in task_rows} <= LABELS


def test_reported_tasks_show_status_progress_and_last_accepted_result(
    workbook: Workbook, reported_round: ReportingRound
) -> None:
    sheet = workbook["Nhiệm vụ"]
    done, going = reported_tasks(reported_round)
    by_title = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert by_title[done.title][6] == "Hoàn thành đúng hạn"
    assert by_title[done.title][7] == 1
    assert by_title[done.title][8] == RESULT
    assert by_title[going.title][7] == pytest.approx(0.4)
    assert by_title[done.title][2]  # the lead agency as the plan wrote it


def test_the_sheets_keep_their_header_in_view_with_formats(workbook: Workbook) -> None:
    tasks, indicators = workbook["Nhiệm vụ"], workbook["Chỉ tiêu"]
    assert tasks.freeze_panes == "A2"
    assert indicators.freeze_panes == "A2"
    assert [c.value for c in tasks[1]][:5] == [
        "TT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]
    assert tasks.column_dimensions["B"].width >= 40
    assert tasks["H3"].number_format == "0%"


def test_every_indicator_is_listed_with_its_target_and_latest_figure(
    workbook: Workbook, reported_round: ReportingRound
) -> None:
    sheet = workbook["Chỉ tiêu"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    plan = reported_round.plan
    assert [row[0] for row in rows] == list(
        plan.indicators.order_by("position", "pk").values_list("code", flat=True)
    )
    figure = IndicatorValue.objects.get(round=reported_round, state="accepted")
    row = next(row for row in rows if row[0] == figure.indicator.code)
    assert row[3] == figure.indicator.target_text
    assert row[6] == pytest.approx(62.5)
    assert row[7] == datetime.datetime(2026, 5, 10)
    assert row[8] == "Đạt"


def test_a_task_title_that_looks_like_a_formula_stays_text(
    reported_round: ReportingRound, coordinator: User
) -> None:
    task = reported_round.plan.tasks.order_by("position").first()
    task.title = "=Quyết định 123/QĐ-UBND"
    task.save(update_fields=["title"])
    report = plan_report(reported_round.plan, user=coordinator, as_of=AS_OF)
    sheet = load_workbook(io.BytesIO(plan_table_xlsx(report)))["Nhiệm vụ"]
    (cell,) = [row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == task.code]
    assert (cell.value, cell.data_type) == ("=Quyết định 123/QĐ-UBND", "s")

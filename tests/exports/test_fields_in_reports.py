"""Each declared field of an update (reporting.fields) is where its declaration puts it in the
Word and Excel reports, and nowhere else: a field added to the declaration is checked here
without touching this test."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from tests.builders import AS_OF, lead_tasks
from tests.reporting.every_field import EVERY_FIELD, shown
from theodoi.exports.content import plan_report
from theodoi.exports.excel import plan_table_xlsx
from theodoi.exports.word import round_report_docx
from theodoi.reporting.fields import UPDATE_FIELDS, InReports, Kind
from theodoi.reporting.models import ReportingRound, TaskUpdate

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_the_reports_carry_each_field_where_it_is_declared(
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    # A task due by a year's end: completed on 15/5 with evidence, it is done on time.
    task = next(t for t in lead_tasks(round_.plan, reporter) if t.due_kind == "year")
    report_task(task, EVERY_FIELD, evidence=True)
    with translation.override("vi"):
        report = plan_report(round_.plan, user=coordinator, as_of=AS_OF, round_=round_)
        word = docx_text(round_report_docx(report))
        sheet = load_workbook(io.BytesIO(plan_table_xlsx(report))).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == task.title)
        for field in UPDATE_FIELDS:
            text = shown(field)
            if field.in_reports is InReports.JUDGED:
                if field.kind is Kind.STATUS:
                    assert text in row, field.name
                elif field.kind is Kind.PERCENT:
                    assert 1 in row, field.name  # 100 % as a number formatted as per cent
            elif field.in_reports is InReports.TASK_LINE:
                assert text in row, field.name
                assert row[headers.index(text_header(field))] == text
                assert text in word, field.name
            elif field.in_reports is InReports.REMARK:
                assert translation.gettext(field.remark_heading) in word
                assert f"(nhiệm vụ {task.code}): {text}" in word, field.name
                assert text not in row, field.name
            else:
                assert text not in word, field.name
                assert text not in row, field.name


def text_header(field) -> str:  # type: ignore[no-untyped-def]
    if field.report_label:
        return translation.pgettext("report", field.report_label)
    return translation.gettext(field.read_label)

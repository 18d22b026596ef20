"""The declaration of a task update's fields is the one the model stores and the agency
workbook carries: an Excel round-trip keeps every declared field."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from tests.reporting.conftest import DURING
from tests.reporting.every_field import EVERY_FIELD, in_cell
from tests.reporting.test_workbook import make, read
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Task
from theodoi.reporting.agency_workbook import download_workbook, preview_workbook
from theodoi.reporting.fields import UPDATE_FIELDS, UpdateContent
from theodoi.reporting.models import ReportingRound, TaskUpdate, Version
from theodoi.reporting.workbook.layout import TASK_SHEET, TaskLine
from theodoi.reporting.workbook_upload import apply_workbook

# What a task update row holds besides what the reporter fills in.
THREAD = {"id", "round", "task", "organisation", "role"}


def test_the_model_stores_exactly_the_declared_fields() -> None:
    version = {f.name for f in Version._meta.get_fields()}
    stored = [
        f.name
        for f in TaskUpdate._meta.concrete_fields
        if f.name not in THREAD and f.name not in version
    ]
    assert stored == [f.name for f in UPDATE_FIELDS]
    assert [f.name for f in dataclasses.fields(UpdateContent)] == stored


def fill_every_field(data: bytes, code: str) -> bytes:
    """``data`` with EVERY_FIELD typed into the row of task ``code``, found by the headers."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[TASK_SHEET]
    column = {cell.value: cell.column for cell in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column["Mã"]).value == code)
    for field in UPDATE_FIELDS:
        ws.cell(row, column[field.header]).value = in_cell(field)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_workbook_reads_back_every_declared_field() -> None:
    line = TaskLine(105, "PL2.7", "Số hóa hồ sơ lưu trữ", "Chủ trì", "Năm 2026", "", 0)
    reading = read(fill_every_field(make([line]), "PL2.7"), tasks=[line])
    assert reading.errors == []
    [change] = reading.tasks
    for field in UPDATE_FIELDS:
        assert getattr(change, field.name) == getattr(EVERY_FIELD, field.name), field.name


def test_a_workbook_left_as_downloaded_proposes_nothing_whatever_was_reported() -> None:
    line = TaskLine(105, "PL2.7", "Số hóa hồ sơ lưu trữ", "Chủ trì", "Năm 2026", "", 3, EVERY_FIELD)
    reading = read(make([line]), tasks=[line])
    assert (reading.tasks, reading.errors) == ([], [])


@pytest.mark.django_db
def test_an_uploaded_workbook_stores_every_declared_field(
    round_: ReportingRound, lead_task: Task, reporter: User, reporter_org: Organisation
) -> None:
    data = fill_every_field(download_workbook(round_, reporter_org), lead_task.code)
    reading = preview_workbook(round_, reporter_org, data, today=DURING.date())
    assert reading.errors == []
    apply_workbook(round_, reading, submit=True, by=reporter, now=DURING)
    stored = TaskUpdate.objects.get(task=lead_task, organisation=reporter_org)
    assert stored.content() == EVERY_FIELD
    # The next download carries it all back: uploaded untouched, it changes (blanks) nothing.
    again = preview_workbook(
        round_, reporter_org, download_workbook(round_, reporter_org), today=DURING.date()
    )
    assert (again.tasks, again.errors) == ([], [])

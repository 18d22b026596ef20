"""A plan's identifiers in other systems set in bulk from the coordinator's sheet: every row or
none, each refusal named by its row."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from tests import builders
from tests.builders import PDF
from theodoi.api.idsheet import HEADERS, SHEET, Entry, read_entries
from theodoi.plans.models import Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("rows", "entries", "problems"),
    [
        (
            [HEADERS, ("Nhiệm vụ", 7, "1.1", "…", "nq57", "NV-1")],
            [Entry(2, "task", 7, "nq57", "NV-1")],
            0,
        ),
        (
            [HEADERS, ("chỉ tiêu", 7.0, "", "", "de_an_06", 123)],
            [Entry(2, "indicator", 7, "de_an_06", "123")],
            0,
        ),
        ([HEADERS, ("Nhiệm vụ", 7, "", "", "nq57", None)], [Entry(2, "task", 7, "nq57", "")], 0),
        ([HEADERS, ("Nhiệm vụ", 7, "", "", None, "NV-1")], [], 0),  # no system: nothing to set
        ([HEADERS, (None,) * 6], [], 0),
        ([HEADERS, ("Việc", 7, "", "", "nq57", "x")], [], 1),
        ([HEADERS, ("Nhiệm vụ", "bảy", "", "", "nq57", "x")], [], 1),
        ([HEADERS, ("Nhiệm vụ", 7, "", "", "nq57", "x" * 101)], [], 1),
        (
            [HEADERS, ("Nhiệm vụ", 7, "", "", "nq57", "a"), ("Nhiệm vụ", 7, "", "", "nq57", "b")],
            [Entry(2, "task", 7, "nq57", "a")],
            1,
        ),
        ([("Số hiệu", "Mã")], [], 1),
        ([], [], 1),
    ],
)
def test_read_entries(rows: list[tuple[object, ...]], entries: list[Entry], problems: int) -> None:
    found, refused = read_entries(rows)
    assert (found, len(refused)) == (entries, problems)


def filled(sheet: bytes, edit: dict[int, tuple[str, str]]) -> SimpleUploadedFile:
    """The downloaded sheet with systems and codes written into some rows."""
    book = load_workbook(io.BytesIO(sheet))
    rows = book[SHEET]
    for line, (system, code) in edit.items():
        rows.cell(row=line, column=5, value=system)
        rows.cell(row=line, column=6, value=code)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("ma.xlsx", out.getvalue(), content_type=XLSX)


@pytest.mark.django_db
def test_the_coordinator_sets_identifiers_from_the_sheet(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    client = builders.signed_in(coordinator)
    base = f"/tich-hop/ma-lien-thong/{tien_giang_plan.pk}/"
    sheet = client.get(base + "tai-ve/").content
    first = tien_giang_plan.tasks.order_by("position").first()
    assert first is not None
    upload = filled(sheet, {2: ("nq57", "NV-2025-0001")})
    assert client.post(base + "tai-len/", {"sheet": upload}).status_code == 302
    first.refresh_from_db()
    assert first.external_ids == {"nq57": "NV-2025-0001"}
    again = load_workbook(io.BytesIO(client.get(base + "tai-ve/").content))[SHEET]
    assert [c.value for c in again[2]][4:] == ["nq57", "NV-2025-0001"]


@pytest.mark.django_db
def test_one_bad_row_sets_nothing(tien_giang_plan: Plan, coordinator: User) -> None:
    client = builders.signed_in(coordinator)
    base = f"/tich-hop/ma-lien-thong/{tien_giang_plan.pk}/"
    book = Workbook()
    rows = book.active
    assert rows is not None
    rows.title = SHEET
    rows.append(HEADERS)
    first = tien_giang_plan.tasks.order_by("position").first()
    assert first is not None
    rows.append(("Nhiệm vụ", first.pk, "", "", "nq57", "NV-1"))
    rows.append(("Nhiệm vụ", 999999, "", "", "nq57", "NV-2"))
    out = io.BytesIO()
    book.save(out)
    page = client.post(base + "tai-len/", {"sheet": SimpleUploadedFile("m.xlsx", out.getvalue())})
    assert page.status_code == 400
    assert "999999" in page.content.decode()
    first.refresh_from_db()
    assert first.external_ids == {}
    pdf = client.post(base + "tai-len/", {"sheet": SimpleUploadedFile("m.xlsx", PDF)})
    assert pdf.status_code == 400


@pytest.mark.django_db
def test_only_the_plans_coordinator_opens_it(
    tien_giang_plan: Plan, other_coordinator: User, leader: User
) -> None:
    url = f"/tich-hop/ma-lien-thong/{tien_giang_plan.pk}/"
    assert builders.signed_in(other_coordinator).get(url).status_code == 404
    assert builders.signed_in(leader).get(url).status_code == 403

"""A plan's identifiers in other systems, in bulk: the coordinator downloads the sheet of its
tasks and indicators, fills in the national systems' numbers and uploads it; all rows are set
or, when one cannot be, none. Thin: reading is idsheet's, writing plans.services'."""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from theodoi.api.idsheet import HEADERS, LABELS, MAX_ROWS, SHEET, Entry, read_entries
from theodoi.files.formulas import append_row
from theodoi.files.uploads import XLSX, RefusedFileError, check_upload
from theodoi.plans.errors import PlanError
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.plans.services import set_external_id
from theodoi.reporting.workbook.bounds import UnreadableWorkbookError
from theodoi.reporting.workbook.opening import open_sheets
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace.views.gates import coordinated_plan, coordinator_required

MAX_BYTES = 2 * 1024 * 1024


class SheetForm(forms.Form):
    sheet = forms.FileField(label=gettext_lazy("The filled-in sheet (.xlsx)"))


def _rows(plan: Plan) -> list[tuple[str, Task | Indicator]]:
    tasks = plan.tasks.filter(archived_at=None).order_by("position")
    indicators = plan.indicators.filter(archived_at=None).order_by("position")
    return [("task", t) for t in tasks] + [("indicator", i) for i in indicators]


def sheet_of(plan: Plan) -> bytes:
    """One row per task or indicator and system it has an identifier in; one blank-system row
    for those with none, to fill in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    append_row(sheet, HEADERS)
    for kind, row in _rows(plan):
        text = row.title if isinstance(row, Task) else row.name
        base = [LABELS[kind], row.pk, row.code, text[:300]]
        for system, identifier in sorted(row.external_ids.items()) or [("", "")]:
            append_row(sheet, [*base, system, identifier])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@transaction.atomic
def apply_entries(plan: Plan, entries: list[Entry], *, by: User) -> list[str]:
    """Set every entry, or none: the problems found, empty when all were set."""
    found = {(kind, row.pk): row for kind, row in _rows(plan)}
    missing = [
        _("Row %(line)s: %(id)s is not a live task or indicator of this plan.")
        % {"line": e.line, "id": e.row_id}
        for e in entries
        if (e.kind, e.row_id) not in found
    ]
    if missing:
        return missing
    now = timezone.now()
    try:
        for entry in entries:
            set_external_id(
                found[entry.kind, entry.row_id], entry.system, entry.identifier, by=by, now=now
            )
    except PlanError as refused:
        transaction.set_rollback(True)
        return [str(refused)]
    return []


def _page(
    request: AuthenticatedRequest, plan: Plan, form: SheetForm, problems: list[str]
) -> HttpResponse:
    linked = sum(bool(row.external_ids) for _kind, row in _rows(plan))
    return render(
        request,
        "api/external_ids.html",
        {"plan": plan, "form": form, "problems": problems, "linked": linked},
        status=400 if problems or form.errors else 200,
    )


@coordinator_required
def external_ids(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    return _page(request, coordinated_plan(request, plan_id), SheetForm(), [])


@coordinator_required
def external_ids_sheet(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    response = HttpResponse(
        sheet_of(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ma-lien-thong-{plan.pk}.xlsx"'
    return response


@coordinator_required
@require_POST
def external_ids_upload(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, form, [])
    try:
        checked = check_upload(
            form.cleaned_data["sheet"],
            [XLSX],
            max_bytes=MAX_BYTES,
            fallback_name="ma-lien-thong.xlsx",
        )
        sheets = open_sheets(checked.data, [SHEET], max_rows=MAX_ROWS)
    except (RefusedFileError, UnreadableWorkbookError) as refused:
        return _page(request, plan, form, [str(refused)])
    if SHEET not in sheets:
        message = _("The workbook has no sheet “%(sheet)s”; start from the downloaded one.")
        return _page(request, plan, form, [message % {"sheet": SHEET}])
    entries, problems = read_entries(sheets[SHEET])
    problems = problems or apply_entries(plan, entries, by=request.user)
    if problems:
        return _page(request, plan, form, problems)
    messages.success(request, _("%(count)s identifiers set.") % {"count": len(entries)})
    return redirect("api:external_ids", plan_id=plan.pk)

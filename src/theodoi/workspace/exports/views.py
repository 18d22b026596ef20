"""Downloads for coordinators and leaders (and IT staff): a round's consolidated report as
Word, a plan's task and indicator tables as Excel. Thin: the content is ``exports``'s."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone

from theodoi.exports.content import plan_report
from theodoi.exports.excel import plan_table_xlsx
from theodoi.exports.word import round_report_docx
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import get_plan_for
from theodoi.reporting.models import ReportingRound
from theodoi.workspace.views.gates import View, staff_required

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def readers_only(view: View) -> View:
    """Reports read every task, confidential ones too: staff readers only (403 otherwise)."""

    @staff_required
    @wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not persona_of(request.user).is_staff_reader:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return gated


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@readers_only
def round_report(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = get_object_or_404(ReportingRound, pk=round_id)
    plan = get_plan_for(request.user, round_.plan_id)
    report = plan_report(plan, user=request.user, as_of=timezone.localdate(), round_=round_)
    return _download(round_report_docx(report), DOCX, f"bao-cao-ky-{round_.pk}.docx")


@readers_only
def plan_table(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    report = plan_report(plan, user=request.user, as_of=timezone.localdate())
    return _download(plan_table_xlsx(report), XLSX, f"ke-hoach-{plan.pk}-nhiem-vu.xlsx")

"""The round's workbook: download, upload with a preview, and applying the previewed file."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.exports.registry import AgencyRound, Exporter
from theodoi.exports.serving import serves
from theodoi.orgs.models import Organisation
from theodoi.reporting.access import get_organisation_for, get_round_for
from theodoi.reporting.agency_workbook import preview_workbook
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.workbook_upload import apply_workbook
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.reporting.forms import WorkbookUploadForm
from theodoi.workspace.views.gates import staff_required

# A workbook can hold an error in every cell; the page names the first ones and counts the rest.
SHOWN_ERRORS = 50


@serves
def workbook_download(
    request: AuthenticatedRequest, exporter: Exporter[Any], round_id: int
) -> AgencyRound:
    organisation = get_organisation_for(request.user)
    return AgencyRound(get_round_for(request.user, round_id), organisation)


def _stored_upload(round_: ReportingRound, organisation: Organisation, token: str) -> str:
    if len(token) != 64 or not all(c in "0123456789abcdef" for c in token):
        raise Http404
    return f"workbooks/{round_.pk}/{organisation.pk}/{token}.xlsx"


@staff_required
def workbook_upload(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    """Upload, then a preview of every change and every error; nothing is stored until the
    reporter confirms a preview without errors."""
    organisation = get_organisation_for(request.user)
    round_ = get_round_for(request.user, round_id)
    reading, token = None, ""
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["workbook"].read()
        token = hashlib.sha256(data).hexdigest()
        reading = preview_workbook(round_, organisation, data, today=timezone.localdate())
        if not reading.errors:
            path = _stored_upload(round_, organisation, token)
            # Only the agency's latest previewed workbook is kept for it to confirm.
            folder = path.rsplit("/", 1)[0]
            if default_storage.exists(folder):
                for name in default_storage.listdir(folder)[1]:
                    default_storage.delete(f"{folder}/{name}")
            default_storage.save(path, ContentFile(data))
    return render(
        request,
        "reporting/workbook_upload.html",
        {
            "round": round_,
            "form": form,
            "reading": reading,
            "token": token,
            "shown_errors": reading.errors[:SHOWN_ERRORS] if reading else [],
            "more_errors": max(0, len(reading.errors) - SHOWN_ERRORS) if reading else 0,
        },
        status=400 if reading is not None and reading.errors else 200,
    )


@staff_required
@require_POST
def workbook_apply(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user)
    round_ = get_round_for(request.user, round_id)
    path = _stored_upload(round_, organisation, request.POST.get("token", ""))
    if not default_storage.exists(path):
        messages.error(request, _("The uploaded workbook has expired; upload it again."))
        return redirect("reporting:workbook_upload", round_id=round_.pk)
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    reading = preview_workbook(round_, organisation, data, today=timezone.localdate())
    user = request.user
    if not user.is_authenticated:  # staff_required sent visitors to log in; this tells mypy
        raise PermissionDenied
    try:
        count = apply_workbook(
            round_,
            reading,
            submit=request.POST.get("submit") == "1",
            by=user,
            now=timezone.now(),
        )
    except ReportingError as refused:
        messages.error(request, str(refused))
        return redirect("reporting:workbook_upload", round_id=round_.pk)
    finally:
        default_storage.delete(path)
    messages.success(
        request, _("%(count)s reports were saved from the workbook.") % {"count": count}
    )
    return redirect("reporting:agency", round_id=round_.pk)

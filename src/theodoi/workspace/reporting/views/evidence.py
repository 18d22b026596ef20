"""Evidence files: attaching one to a task's report, and serving it to those who may see
the task."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.plans.access import get_task_for
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import Evidence
from theodoi.workspace.reporting.forms import EvidenceForm
from theodoi.workspace.reporting.views.access import reporter_organisation, round_for
from theodoi.workspace.views.gates import staff_required


@staff_required
@require_POST
def evidence_attach(request: HttpRequest, round_id: int, task_id: int) -> HttpResponse:
    reporter_organisation(request)
    round_ = round_for(request, round_id)
    task = get_task_for(request.user, task_id, write=True)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attach_evidence(
                round_, task, form.cleaned_data["file"], by=request.user, now=timezone.now()
            )
        except ReportingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The evidence file was attached."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("reporting:task_update", round_id=round_.pk, task_id=task.pk)


@staff_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    # Served only to those who may see the task; the file has no public address.
    get_task_for(request.user, evidence.task_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.filename,
        content_type=evidence.content_type,
    )

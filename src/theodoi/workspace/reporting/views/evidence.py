"""Evidence files: serving one to those who may see its task (attaching is part of the task's
form, views/reports.py)."""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from theodoi.reporting.access import get_task_for
from theodoi.reporting.models import Evidence
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.views.gates import staff_required


@staff_required
def evidence_download(request: AuthenticatedRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    # Served only to those who may see the task; the file has no public address.
    get_task_for(request.user, evidence.task_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.filename,
        content_type=evidence.content_type,
    )

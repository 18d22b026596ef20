"""Evidence files backing an agency's report on a task: stored with their checksum, size
and a type told from the content and the name together (theodoi.files.uploads)."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.log import record
from theodoi.files.uploads import FileKind, RefusedFileError, file_kind, size_problem
from theodoi.plans.models import Task
from theodoi.reporting.access import reporter_organisation, require_accepting, task_role
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import Evidence, ReportingRound
from theodoi.users import User

# What evidence may be: documents and pictures an office produces.
EVIDENCE_KINDS = (
    FileKind("application/pdf", "PDF", (".pdf",)),
    FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
        (".docx",),
        zipped=True,
    ),
    FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (.xlsx)",
        (".xlsx",),
        zipped=True,
    ),
    FileKind(
        "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)", (".odt",), zipped=True
    ),
    FileKind(
        "application/vnd.oasis.opendocument.spreadsheet",
        "OpenDocument (.ods)",
        (".ods",),
        zipped=True,
    ),
    FileKind("image/jpeg", "JPEG", (".jpg", ".jpeg")),
    FileKind("image/png", "PNG", (".png",)),
)


def _bounded_content(file: File[bytes], filename: str, max_bytes: int) -> bytes:
    """The file's bytes, refused on its declared size before any is read, and never more than
    ``max_bytes`` + 1 read whatever it declares."""
    declared = getattr(file, "size", None)
    problem = size_problem(filename, declared, max_bytes) if declared else None
    if problem:
        raise ReportingError(problem)
    file.seek(0)
    data: bytes = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReportingError(f"Tệp “{filename}” lớn hơn giới hạn {max_bytes // 1024 // 1024} MB.")
    return data


@transaction.atomic
def attach_evidence(
    round_: ReportingRound, task: Task, file: File[bytes], *, by: User, now: datetime.datetime
) -> Evidence:
    """Keep a file backing the agency's report on ``task`` in this round."""
    organisation = reporter_organisation(by)
    if task.plan_id != round_.plan_id or task_role(task, organisation) is None:
        raise ReportingError(
            _("%(organisation)s neither leads nor cooperates on task %(task)s.")
            % {"organisation": organisation, "task": task.code}
        )
    require_accepting(round_, organisation, now)
    filename = PurePath(file.name or "minh-chung").name[:255]
    data = _bounded_content(file, filename, settings.THEODOI_MAX_UPLOAD_BYTES)
    try:
        content_type = file_kind(
            filename, data, EVIDENCE_KINDS, max_bytes=settings.THEODOI_MAX_UPLOAD_BYTES
        ).mime
    except RefusedFileError as refused:
        raise ReportingError(str(refused)) from refused
    sha256 = hashlib.sha256(data).hexdigest()
    if Evidence.objects.filter(
        round=round_, task=task, organisation=organisation, sha256=sha256
    ).exists():
        raise ReportingError(
            _("The file “%(name)s” is already attached to this task.") % {"name": filename}
        )
    evidence = Evidence(
        round=round_,
        task=task,
        organisation=organisation,
        filename=filename,
        sha256=sha256,
        size=len(data),
        content_type=content_type,
        uploaded_at=now,
        uploaded_by=by,
    )
    evidence.file.save(filename, ContentFile(data), save=False)
    evidence.save()
    record(
        "reporting.evidence.attached",
        evidence,
        by=by,
        now=now,
        before=None,
        after={
            "task": task.pk,
            "round": round_.pk,
            "filename": filename,
            "sha256": sha256,
            "size": len(data),
            "content_type": evidence.content_type,
        },
    )
    return evidence

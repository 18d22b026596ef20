"""Evidence files backing an agency's report on a task: stored with their checksum, size
and a type told from the content."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import PurePath

import filetype
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser as User
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.log import record
from theodoi.plans.models import Task
from theodoi.reporting.access import reporter_organisation, require_accepting, task_role
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import Evidence, ReportingRound

# What evidence may be: documents and pictures an office produces, told from the content.
EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.oasis.opendocument.text": "OpenDocument (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument (.ods)",
}


def evidence_type(filename: str, data: bytes, max_bytes: int) -> str:
    """The file's type, told from its content; :class:`ReportingError` saying why, in
    Vietnamese, when the file cannot be evidence."""
    if not data:
        raise ReportingError(_("The file “%(name)s” is empty.") % {"name": filename})
    if len(data) > max_bytes:
        raise ReportingError(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": filename,
                "size": f"{len(data) / 1024 / 1024:.1f}".replace(".", ","),
                "limit": max_bytes // 1024 // 1024,
            }
        )
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ReportingError(
            _(
                "The file “%(name)s” is not a PDF, Word, Excel, OpenDocument, JPEG or PNG file "
                "(judged from its content)."
            )
            % {"name": filename}
        )
    return kind.mime


@transaction.atomic
def attach_evidence(
    round_: ReportingRound, task: Task, file: File, *, by: User, now: datetime.datetime
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
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    content_type = evidence_type(filename, data, settings.THEODOI_MAX_UPLOAD_BYTES)
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

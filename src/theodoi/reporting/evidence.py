"""Evidence files backing an agency's report on a task: stored with their checksum, size
and a type told from the content and the name together (theodoi.files.uploads)."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.files.uploads import (
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    XLSX,
    RefusedFileError,
    check_upload,
)
from theodoi.plans.models import Task
from theodoi.reporting.access import require_accepting, require_reporter, task_role
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import Evidence, ReportingRound
from theodoi.users import User

# What evidence may be: documents and pictures an office produces.
EVIDENCE_KINDS = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG)


@transaction.atomic
def attach_evidence(
    round_: ReportingRound, task: Task, file: File[bytes], *, by: User, now: datetime.datetime
) -> Evidence:
    """Keep a file backing the agency's report on ``task`` in this round."""
    organisation = require_reporter(by)
    if task.plan_id != round_.plan_id or task_role(task, organisation) is None:
        raise ReportingError(
            _("%(organisation)s neither leads nor cooperates on task %(task)s.")
            % {"organisation": organisation, "task": task.code}
        )
    require_accepting(round_, organisation, now)
    try:
        upload = check_upload(
            file,
            EVIDENCE_KINDS,
            max_bytes=settings.THEODOI_MAX_UPLOAD_BYTES,
            fallback_name="minh-chung",
        )
    except RefusedFileError as refused:
        raise ReportingError(str(refused)) from refused
    filename, data, content_type = upload.name, upload.data, upload.kind.mime
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
        Action.EVIDENCE_ATTACHED,
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

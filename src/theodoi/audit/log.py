"""Writing and reading the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from theodoi.audit.actions import Action, AdminAction, is_declared
from theodoi.audit.models import AuditEntry
from theodoi.users import AnyUser


def record(
    action: Action | AdminAction,
    obj: models.Model | None,
    *,
    by: AnyUser | None,
    now: datetime.datetime,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Write one audit entry. ``before``/``after`` must be JSON-serialisable data; an action
    not declared in ``theodoi.audit.actions`` is refused (ValueError)."""
    if not is_declared(action):
        raise ValueError(f"undeclared audit action {action!r}")
    user = by if by is not None and by.is_authenticated else None
    return AuditEntry.objects.create(
        at=now,
        by=user,
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        before=before,
        after=after,
    )


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit entries about one object, newest first."""
    return AuditEntry.objects.filter(
        object_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )

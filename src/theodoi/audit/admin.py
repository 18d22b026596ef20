"""Django admin, audited: every ModelAdmin of the site writes an audit entry with the object's
data before and after each change it makes (:class:`AuditedAdmin`), the audit log itself can be
read and never changed. People (Django's users) are registered by ``theodoi.orgs.admin``,
whose service deactivates them.

IT staff change tasks, roles and organisations here; without this, marking a task confidential
or making a reporter a coordinator left no trace (issue 10). The models of other packages
registered with the admin (Django's groups, django-axes' lockouts) are registered
again here with the same guarantee; ``tests/audit/test_admin.py`` fails on any ModelAdmin that
can write without it.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from theodoi.audit.actions import AdminVerb, admin_action
from theodoi.audit.log import record
from theodoi.audit.models import AuditEntry
from theodoi.audit.snapshot import fields_of


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Records ``admin.<app>.<model>.created|changed|deleted`` with before and after: the
    object's fields and many-to-many links, and the rows of its inlines."""

    def _state(self, obj: models.Model) -> dict[str, Any]:
        state = fields_of(obj)
        for inline in self.inlines:
            related = inline.model._default_manager.filter(
                **{_parent_field(inline.model, obj, inline.fk_name): obj}
            )
            state[inline.model._meta.label] = [fields_of(row) for row in related.order_by("pk")]
        return state

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        # The form has already written its values into ``obj``: the stored row is the before.
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        request._audit_before = self._state(stored) if stored is not None else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(request, "_audit_before", None)
        after = self._state(obj)
        if change and before == after:
            return
        verb = AdminVerb.CHANGED if change else AdminVerb.CREATED
        record(
            admin_action(obj, verb),
            obj,
            by=request.user,
            now=timezone.now(),
            before=before,
            after=after,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = {**self._state(obj), "deleted_with": _cascade(obj)}
        super().delete_model(request, obj)
        record(
            admin_action(obj, AdminVerb.DELETED),
            obj,
            by=request.user,
            now=timezone.now(),
            before=before,
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def _parent_field(model: type[models.Model], parent: models.Model, name: str | None) -> str:
    if name:
        return name
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is type(parent):
            return field.name
    raise LookupError(f"{model} has no key to {type(parent)}")


def _cascade(obj: models.Model) -> dict[str, int]:
    """What deleting ``obj`` deletes with it, per model: a plan's tasks, a task's agencies."""
    collector = NestedObjects(using="default")
    collector.collect([obj])
    return {
        model._meta.label: len(instances)
        for model, instances in collector.data.items()
        if model is not type(obj) and instances
    }


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Rows IT staff read and nobody adds, changes or deletes here: the audit log, and the
    records whose every write goes through a service that keeps versions and the log."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The log is evidence: nobody edits or deletes it, not even IT staff."""

    list_display = ("at", "action", "object_repr", "by")
    list_filter = ("action",)
    search_fields = ("action", "object_repr", "object_id")
    date_hierarchy = "at"


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


class AuditedAccessAttemptAdmin(AuditedAdmin, AccessAttemptAdmin):
    """Deleting a lockout unlocks an account: a change like any other."""


class AuditedAccessLogAdmin(AuditedAdmin, AccessLogAdmin):
    pass


class AuditedAccessFailureLogAdmin(AuditedAdmin, AccessFailureLogAdmin):
    pass


for model, model_admin in (
    (Group, AuditedGroupAdmin),
    (AccessAttempt, AuditedAccessAttemptAdmin),
    (AccessLog, AuditedAccessLogAdmin),
    (AccessFailureLog, AuditedAccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

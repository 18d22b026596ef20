"""The audit log: one row per write, kept for good (DESIGN.md: every change is in the log)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.users import done_by


class AuditEntry(models.Model):
    """Who did what to which object, and the object's data before and after."""

    at = models.DateTimeField(_("time"), db_index=True)
    by = done_by(blank=True, verbose_name=_("by"))
    # Dotted name, app.model.verb: ``plans.plan.published``.
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    # What the object was called when the entry was written: readable after a deletion.
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["object_type", "object_id"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

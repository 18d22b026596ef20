from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditLogConfig(AppConfig):
    """An app of its own so its templates and Vietnamese catalogue live beside its views."""

    name = "theodoi.workspace.auditlog"
    label = "workspace_auditlog"
    verbose_name = _("audit log")

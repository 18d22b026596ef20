from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """An app of its own so its templates and Vietnamese catalogue live beside its views."""

    name = "theodoi.workspace.dashboard"
    label = "workspace_dashboard"
    verbose_name = _("dashboard")

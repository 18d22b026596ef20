from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """An app of its own so its templates and Vietnamese catalogue live beside its views."""

    name = "theodoi.workspace.scoring"
    label = "workspace_scoring"
    verbose_name = _("scoring and ranking")

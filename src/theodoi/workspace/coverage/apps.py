from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    """The pages of links to higher tasks and of the national plan's coverage: an app of its
    own so their templates and Vietnamese catalogue live beside their views."""

    name = "theodoi.workspace.coverage"
    label = "workspace_coverage"
    verbose_name = _("coverage")

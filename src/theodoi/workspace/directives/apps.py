from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivePagesConfig(AppConfig):
    """The pages of directives: an app of its own so its templates and Vietnamese catalogue
    live beside its views."""

    name = "theodoi.workspace.directives"
    label = "workspace_directives"
    verbose_name = _("directive pages")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """An app of its own so its templates and Vietnamese catalogue live beside its views."""

    name = "theodoi.workspace.people"
    label = "workspace_people"
    verbose_name = _("people in charge")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackInboxConfig(AppConfig):
    """The coordinator's inbox of feedback and the agencies' answers: an app of its own so
    its templates and Vietnamese catalogue live beside its views."""

    name = "theodoi.workspace.feedback"
    label = "workspace_feedback"
    verbose_name = _("feedback inbox")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnapshotsConfig(AppConfig):
    name = "theodoi.snapshots"
    verbose_name = _("evaluation snapshots")

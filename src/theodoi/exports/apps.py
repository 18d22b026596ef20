from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "theodoi.exports"
    verbose_name = _("Word and Excel reports")

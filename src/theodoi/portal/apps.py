from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "theodoi.portal"
    verbose_name = _("public portal")

    def ready(self) -> None:
        from theodoi.events import subscribe
        from theodoi.portal.handling import take_in_after_review
        from theodoi.reporting.events import ReportAccepted

        subscribe(ReportAccepted, take_in_after_review)

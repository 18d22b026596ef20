from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "theodoi.reporting"
    verbose_name = _("reporting")

    def ready(self) -> None:
        from theodoi.events import subscribe
        from theodoi.plans.events import PlanPublished
        from theodoi.reporting.importing import schedule_from_import

        subscribe(PlanPublished, schedule_from_import)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnapshotsConfig(AppConfig):
    name = "theodoi.snapshots"
    verbose_name = _("evaluation snapshots")

    def ready(self) -> None:
        from theodoi.events import subscribe
        from theodoi.plans.events import PlanAmended
        from theodoi.reporting.events import ResultsChanged
        from theodoi.snapshots.services import rebuild_after_amendment, rebuild_for

        subscribe(ResultsChanged, rebuild_for)
        subscribe(PlanAmended, rebuild_after_amendment)

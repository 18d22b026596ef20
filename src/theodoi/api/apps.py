from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (issue 14): what machines read and write, through the pages' own access
    rules and services, and the webhooks that tell them when something happened."""

    name = "theodoi.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from theodoi.api import jobs, schema, webhooks  # noqa: F401  (registers them)
        from theodoi.events import subscribe
        from theodoi.reporting.events import ReportAccepted, RoundClosed
        from theodoi.snapshots.events import RankingPublished

        subscribe(ReportAccepted, webhooks.on_report_accepted)
        subscribe(RoundClosed, webhooks.on_round_closed)
        subscribe(RankingPublished, webhooks.on_ranking_published)

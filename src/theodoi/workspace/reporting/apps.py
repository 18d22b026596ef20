from django.apps import AppConfig


class WorkspaceReportingConfig(AppConfig):
    """An app of its own so the reporting pages' templates and Vietnamese catalogue live beside
    their views, not in the ``reporting`` app that holds the rules."""

    name = "theodoi.workspace.reporting"
    label = "workspace_reporting"

from django.apps import AppConfig


class WorkspaceExportsConfig(AppConfig):
    """An app of its own so the download links' templates and Vietnamese catalogue live beside
    the views that serve the files, not in the ``exports`` app that builds them."""

    name = "theodoi.workspace.exports"
    label = "workspace_exports"

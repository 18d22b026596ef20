from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API (issue 14): what machines read and write, through the pages' own access
    rules and services."""

    name = "theodoi.api"
    label = "api"
    verbose_name = "API"

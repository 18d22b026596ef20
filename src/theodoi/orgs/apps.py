from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "theodoi.orgs"

from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "theodoi.limits"
    verbose_name = "Giới hạn tần suất"

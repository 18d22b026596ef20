from django.apps import AppConfig


class LimitsConfig(AppConfig):
    name = "theodoi.limits"
    verbose_name = "Giới hạn tần suất"

    def ready(self) -> None:
        # A successful login gives its attempts back (theodoi.limits.logins).
        from theodoi.limits import logins  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "theodoi.notify"
    verbose_name = _("notices")

    def ready(self) -> None:
        # Registers the jobs with the queue, in the web process and in every worker alike.
        from theodoi.notify import jobs  # noqa: F401
        from theodoi.notify.changes import subscribe_handlers

        subscribe_handlers()

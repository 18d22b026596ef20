from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration and synthetic data (``load_demo``, ``synth``): built by calling the
    services of every layer, as a person or a job would, so it sits on top of them and no
    domain package knows it."""

    name = "theodoi.demo"
    verbose_name = _("demonstration data")

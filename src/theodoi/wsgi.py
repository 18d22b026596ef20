import os

from django.core.wsgi import get_wsgi_application

from theodoi.startup import WORKER_BOOT_ERROR, configured_or_exit, freeze_loaded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
configured_or_exit(WORKER_BOOT_ERROR)
application = get_wsgi_application()
freeze_loaded()

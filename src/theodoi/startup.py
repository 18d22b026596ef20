"""Starting theodoi: a configuration error stops it with one line, and the log lines that must
not carry a traceback."""

from __future__ import annotations

import gc
import logging
import sys

from django.core.exceptions import ImproperlyConfigured

# gunicorn halts instead of booting workers again and again when one exits with this code.
WORKER_BOOT_ERROR = 3


def configured_or_exit(code: int) -> None:
    """Read the settings; when they are wrong, print their one-line message (it names the
    variable) and exit with ``code`` rather than show a traceback to the person starting it."""
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading it imports and checks the settings
    except ImproperlyConfigured as exc:
        print(f"theodoi: {exc}", file=sys.stderr)
        sys.exit(code)


def freeze_loaded() -> None:
    """Take everything loaded so far (modules, the app registry, URL patterns, translation
    catalogues) out of the garbage collector's rounds: it lives as long as the process, and
    each full collection would walk all of it again, some 50 ms of processor that land on
    whichever request allocates at that moment (issue 15: the slowest accepted updates)."""
    gc.collect()
    gc.freeze()


class WithoutTraceback(logging.Filter):
    """Keeps the record's message and drops its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True

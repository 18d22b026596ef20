"""An e-mail backend for worker tests: Django's file backend that waits, as a slow mail server
does, so a test can stop a worker while it is delivering: before the message is written
(``SLOW_MAIL_SECONDS``), or after (``SLOW_MAIL_AFTER_SECONDS``: the server has accepted it and
is slow to answer)."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends import filebased


class SlowFileBackend(filebased.EmailBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("file_path", os.environ["SLOW_MAIL_DIR"])
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
        sent = super().send_messages(email_messages)
        time.sleep(float(os.environ.get("SLOW_MAIL_AFTER_SECONDS", "0")))
        return sent

"""Counting login attempts before the password is checked, so a burst cannot outrun the limit.

django-axes counts a failure after the password was checked and refuses only once the count
has reached the limit: twelve guesses sent at once were all checked against a limit of five.
:class:`AttemptBackend`, first in ``AUTHENTICATION_BACKENDS``, takes one of the limit's
attempts for the (sender, account) pair with the atomic counter (``theodoi.limits``) before any
backend sees the password, and refuses, with axes' lockout page, once they are used up; a
successful login gives them all back. Axes still records the failures and shows the lockouts
in the admin.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from theodoi.limits.counters import forget, source_of, take
from theodoi.proxies import client_address


def attempt_key(request: HttpRequest, username: str) -> str:
    return f"login:{source_of(client_address(request))}:{source_of(username.casefold())}"


class AttemptBackend:
    """Authenticates nobody: it only refuses an attempt beyond the limit. It has no
    ``get_user``, so sessions (and the test client's ``force_login``) name the backend that
    authenticated the person."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **_: Any
    ) -> None:
        if request is None or not username:
            return None  # the shell and tests with no request are not throttled
        if not take(
            attempt_key(request, username),
            limit=settings.AXES_FAILURE_LIMIT,
            within=datetime.timedelta(hours=settings.AXES_COOLOFF_TIME),
            now=timezone.now(),
        ):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # axes' lockout page
            raise PermissionDenied
        return None


@receiver(user_logged_in)
def give_back_attempts(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if request is not None:
        forget(attempt_key(request, user.get_username()))

"""The names every annotation uses for the people of theodoi and their requests.

theodoi keeps Django's user model (``AUTH_USER_MODEL`` is not set); annotating with these names
rather than ``AbstractBaseUser`` lets mypy check the foreign keys to it, and a custom model
later changes one line here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.http import HttpRequest

__all__ = ["AnyUser", "AuthenticatedRequest", "User", "done_by"]

# Whoever asks: a signed-in person or an anonymous visitor (public pages, access rules).
AnyUser = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """A request to a view behind a login gate (``staff_required``): its user is signed in."""

    user: User


def done_by(*, blank: bool = False, **options: Any) -> models.ForeignKey[User | None, User | None]:
    """The person a row records as having done something (opened, decided, uploaded…): kept
    while the row is (PROTECT, people are never deleted), empty when the system did it (a job,
    a command), and not read from the person's side (no reverse name)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.PROTECT,
        related_name="+",
        **options,
    )

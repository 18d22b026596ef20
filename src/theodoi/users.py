"""The names every annotation uses for the people of theodoi and their requests.

theodoi keeps Django's user model (``AUTH_USER_MODEL`` is not set); annotating with these names
rather than ``AbstractBaseUser`` lets mypy check the foreign keys to it, and a custom model
later changes one line here.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

__all__ = ["AnyUser", "AuthenticatedRequest", "User"]

# Whoever asks: a signed-in person or an anonymous visitor (public pages, access rules).
AnyUser = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """A request to a view behind a login gate (``staff_required``): its user is signed in."""

    user: User

"""What a caller may do at all; which rows is theodoi.reporting.access's, as on the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from theodoi.api.models import ApiToken


class TokenWrites(permissions.BasePermission):
    """A read-only token reads; writing needs a read-write token or a session."""

    message = _("This token may only read; ask your coordinator for a read-write token.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.writes


class SignedInToWrite(permissions.BasePermission):
    """Anyone reads what the public portal shows; writing needs someone signed in."""

    message = _("Sign in or send a token to write.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )

"""``Authorization: Bearer <token>`` for machines; the browser's session for people."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from theodoi.api.models import ApiToken
from theodoi.api.tokens import token_for
from theodoi.users import User

# A token's last use is written at most this often: a busy integration would otherwise write
# a row per call.
LAST_USED_EVERY = datetime.timedelta(minutes=5)


class BearerToken(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Write the header as “Authorization: Bearer <token>”.")
            )
        token = token_for(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or was revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword

"""Single sign-on with a province's OpenID Connect provider (mozilla-django-oidc), off unless
``OIDC_RP_CLIENT_ID`` is set. A person is found by e-mail; their memberships are those the
provider's roles claim names (theodoi.workspace.sso_claims), granted again at each sign-in, so
the provider stays the one place a role is given or taken back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import forget
from theodoi.orgs.services import OWN_SCOPE, grant_role
from theodoi.users import User
from theodoi.workspace.sso_claims import roles_claimed

log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class ClaimsBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs in the person the provider vouches for, with the memberships its claim names;
    a person whose claim names none the province knows is not let in."""

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = str(claims.get("email") or "")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email")) and bool(self._memberships(claims))

    def create_user(self, claims: dict[str, Any]) -> User:
        email = str(claims["email"])
        user = self.UserModel.objects.create_user(
            username=self._free_username(email.split("@")[0]),
            email=email,
            first_name=str(claims.get("given_name") or claims.get("name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        self._grant(user, claims)
        return user  # type: ignore[no-any-return]

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        self._grant(user, claims)
        return user

    def _free_username(self, wanted: str) -> str:
        base = wanted[:140] or "nguoidung"
        name, n = base, 1
        while self.UserModel.objects.filter(username=name).exists():
            n += 1
            name = f"{base}.{n}"
        return name

    def _memberships(self, claims: dict[str, Any]) -> list[tuple[Role, Organisation | None]]:
        claim = getattr(settings, "OIDC_ROLES_CLAIM", "theodoi_roles")
        found, unread = roles_claimed(claims.get(claim))
        if unread:
            log.warning("SSO: roles not understood for %s: %s", claims.get("email"), unread)
        codes = {c.organisation_code for c in found if c.organisation_code}
        orgs = {o.code: o for o in Organisation.objects.filter(code__in=codes, active=True)}
        memberships: list[tuple[Role, Organisation | None]] = []
        for claimed in found:
            organisation = orgs.get(claimed.organisation_code or "")
            if claimed.organisation_code and organisation is None:
                log.warning("SSO: unknown organisation %s", claimed.organisation_code)
                continue
            memberships.append((Role(claimed.role), organisation))
        return memberships

    def _grant(self, user: User, claims: dict[str, Any]) -> None:
        now = timezone.now()
        for n, (role, organisation) in enumerate(self._memberships(claims)):
            scope: Literal["own"] | None = OWN_SCOPE if organisation is not None else None
            grant_role(user, role, organisation, scope=scope, add=n > 0, by=None, now=now)
        forget(user)


def _when_enabled(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The provider's pages answer 404 while single sign-on is not configured (the library's
    views read their settings as they are made, so they are not even made)."""

    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


start = _when_enabled(OIDCAuthenticationRequestView.as_view())
callback = _when_enabled(OIDCAuthenticationCallbackView.as_view())

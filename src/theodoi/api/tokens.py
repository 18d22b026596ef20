"""Making, finding and revoking API tokens. The coordinator of a scope makes them for the
people and agencies of her scope; the secret is returned once and only its digest is kept."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from theodoi.api.models import ApiToken, TokenKind
from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.models import Organisation, Role, scope_of
from theodoi.orgs.services import grant_role
from theodoi.reporting.access import Who, in_scope, is_coordinator, persona
from theodoi.reporting.errors import ReportingError
from theodoi.users import User

# "td_" tells a theodoi secret apart in a configuration file or a leak scanner's report.
SECRET_PREFIX = "td_"
SHOWN_PREFIX = 11
# An integration account acts as a reporter of its agency; its name says it is a machine's.
INTEGRATION_USERNAME = "tichhop-{agency}"
NAME_LIMIT = 200


class TokenError(ReportingError):
    """A token that cannot be made or revoked; the message says why."""


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def may_manage_agency(who: Who, agency: Organisation) -> bool:
    """A coordinator manages the tokens of the agencies of her scope."""
    scope = scope_of(agency)
    return is_coordinator(who) and in_scope(who, scope.pk if scope is not None else None)


def _held_in_scope(who: Who, path: str = "") -> Q:
    """The people holding a membership within ``who``'s scope (the nation: everybody)."""
    scope_ids = persona(who).scope_ids
    return Q() if scope_ids is None else Q(**{f"{path}memberships__scope_id__in": scope_ids})


def may_manage_person(who: Who, person: User) -> bool:
    return is_coordinator(who) and User.objects.filter(_held_in_scope(who), pk=person.pk).exists()


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name that says which system uses it."))
    if len(name) > NAME_LIMIT:
        raise TokenError(
            _("The token's name is at most %(limit)s characters.") % {"limit": NAME_LIMIT}
        )
    return name


def _issue(
    user: User, kind: TokenKind, name: str, *, writes: bool, by: User, now: datetime.datetime
) -> tuple[ApiToken, str]:
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user,
        kind=kind,
        name=_checked_name(name),
        prefix=secret[:SHOWN_PREFIX],
        digest=digest_of(secret),
        writes=writes,
        created_at=now,
        created_by=by,
    )
    record(
        Action.API_TOKEN_ISSUED,
        token,
        by=by,
        now=now,
        after={"user": user.username, "kind": kind.value, "writes": writes},
    )
    return token, secret


def integration_account(agency: Organisation, *, by: User, now: datetime.datetime) -> User:
    """The account an agency's systems act as: a reporter of the agency, with no password."""
    username = INTEGRATION_USERNAME.format(agency=agency.pk)
    user, made = User.objects.get_or_create(
        username=username, defaults={"first_name": _("Integration"), "last_name": agency.name}
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        grant_role(user, Role.REPORTER, agency, by=by, now=now)
    return user


@transaction.atomic
def issue_integration_token(
    agency: Organisation, name: str, *, writes: bool, by: User, now: datetime.datetime
) -> tuple[ApiToken, str]:
    """A token for ``agency``'s own software (its document system, a national system's
    connector): it reads and reports what the agency's reporters do."""
    if not may_manage_agency(by, agency):
        raise TokenError(
            _("%(agency)s is not within the scope you coordinate.") % {"agency": agency}
        )
    if not agency.active:
        raise TokenError(
            _("%(organisation)s no longer exists; choose its successor.") % {"organisation": agency}
        )
    return _issue(
        integration_account(agency, by=by, now=now),
        TokenKind.INTEGRATION,
        name,
        writes=writes,
        by=by,
        now=now,
    )


@transaction.atomic
def issue_personal_token(
    person: User, name: str, *, writes: bool, by: User, now: datetime.datetime
) -> tuple[ApiToken, str]:
    """A token that acts as ``person``, for a script of their own."""
    if not person.is_active:
        raise TokenError(_("%(person)s's account is disabled.") % {"person": person.username})
    if person != by and not may_manage_person(by, person):
        raise TokenError(
            _("%(person)s is not within the scope you coordinate.") % {"person": person.username}
        )
    return _issue(person, TokenKind.PERSONAL, name, writes=writes, by=by, now=now)


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User, now: datetime.datetime) -> None:
    if token.revoked_at is not None:
        raise TokenError(_("This token was already revoked."))
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    record(Action.API_TOKEN_REVOKED, token, by=by, now=now)


def manageable_tokens(who: Who) -> list[ApiToken]:
    """The tokens of the people and agencies a coordinator manages, newest first."""
    if not is_coordinator(who):
        return []
    rows = ApiToken.objects.select_related("user", "created_by")
    if persona(who).scope_ids is not None:
        # Not OR-ed with the nation's empty condition: Django drops an empty Q from an OR.
        rows = rows.filter(_held_in_scope(who, "user__") | Q(user_id=persona(who).user_id))
    return list(rows.distinct())


def token_for(secret: str) -> ApiToken | None:
    """The live token whose secret this is; None for an unknown or revoked one."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.active:
        return None
    return token


def agencies_in_scope(who: Who) -> QuerySet[Organisation]:
    """The existing bodies a coordinator may make integration tokens for: her scope's and
    those under it (the nation: all)."""
    rows = Organisation.objects.filter(active=True).select_related("parent")
    scope_ids = persona(who).scope_ids
    if scope_ids is None:
        return rows
    return rows.filter(
        Q(pk__in=scope_ids) | Q(parent_id__in=scope_ids) | Q(parent__parent_id__in=scope_ids)
    )

"""Writes to organisations and roles. Each is atomic, checks its preconditions, raises
:class:`OrganisationError` with a Vietnamese message and leaves an audit entry."""

from __future__ import annotations

import datetime
from typing import Final, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.models import Membership, Organisation, OrganisationAlias, Role, scope_of
from theodoi.orgs.resolve import name_key
from theodoi.orgs.roles import forget
from theodoi.users import User


@transaction.atomic
def remember_alias(
    name: str,
    organisation: Organisation,
    *,
    scope: Organisation | None,
    by: User | None,
    now: datetime.datetime,
) -> OrganisationAlias:
    """Record that ``name``, written in a plan of province ``scope`` (None: a national plan),
    means ``organisation``, so the name is never asked again."""
    key = name_key(name, scope.name if scope else None)
    if not key:
        raise OrganisationError(_("The agency name is empty."))
    existing = OrganisationAlias.objects.filter(scope=scope, key=key).first()
    if existing is not None:
        if existing.organisation_id == organisation.pk:
            return existing
        raise OrganisationError(
            _("The name “%(name)s” already stands for %(organisation)s.")
            % {"name": name, "organisation": existing.organisation}
        )
    alias = OrganisationAlias.objects.create(
        organisation=organisation, scope=scope, name=name, key=key
    )
    record(
        Action.ALIAS_CREATED,
        organisation,
        by=by,
        now=now,
        after={"name": name, "key": key, "scope": scope.pk if scope else None},
    )
    return alias


# The scope a membership gets when none is named: its organisation's province or ministry.
OWN_SCOPE: Final = "own"


@transaction.atomic
def grant_role(
    user: User,
    role: Role,
    organisation: Organisation | None,
    *,
    scope: Organisation | Literal["own"] | None = OWN_SCOPE,
    confidential: bool = False,
    add: bool = False,
    by: User | None,
    now: datetime.datetime,
) -> Membership:
    """Give ``user`` a role in ``organisation`` within ``scope`` (None: the nation; by default
    the organisation's own province or ministry), replacing the roles it had, or beside them
    with ``add``. A reporter needs an organisation; only an inspector reads confidential
    tasks."""
    if role == Role.REPORTER and organisation is None:
        raise OrganisationError(_("A reporter must belong to an organisation."))
    named = None if isinstance(scope, str) else scope
    for body in (organisation, named):
        if body is not None and not body.active:
            raise OrganisationError(
                _("%(organisation)s no longer exists; choose its successor.")
                % {"organisation": body}
            )
    if confidential and role != Role.INSPECTOR:
        raise OrganisationError(_("Only an inspection role is granted confidential tasks."))
    where = scope_of(organisation) if isinstance(scope, str) else named
    held = Membership.objects.filter(user=user)
    before = list(held.values("role", "organisation_id", "scope_id"))
    if not add:
        held.delete()
    membership = Membership.objects.create(
        user=user, role=role, organisation=organisation, scope=where, confidential=confidential
    )
    forget(user)
    record(
        Action.MEMBERSHIP_GRANTED,
        membership,
        by=by,
        now=now,
        before={"memberships": before} if before else None,
        after={
            "role": str(role),
            "organisation_id": organisation.pk if organisation else None,
            "scope_id": where.pk if where else None,
            "confidential": confidential,
        },
    )
    return membership


@transaction.atomic
def deactivate_person(user: User, *, by: User | None, now: datetime.datetime) -> None:
    """Stop ``user`` logging in (and being e-mailed) without deleting them: what they wrote
    keeps its author. Their role stays on record, unused."""
    if not user.is_active:
        raise OrganisationError(_("%(person)s is already deactivated.") % {"person": user})
    set_active(user, False, by=by, now=now)


def set_active(user: User, active: bool, *, by: User | None, now: datetime.datetime) -> None:
    """Let ``user`` log in, or stop them, with the change in the audit log; the callers
    (``deactivate_person``, ``accounts.enable_person``) check that it is one."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(
        Action.PERSON_REACTIVATED if active else Action.PERSON_DEACTIVATED,
        user,
        by=by,
        now=now,
        before={"is_active": not active},
        after={"is_active": active},
    )

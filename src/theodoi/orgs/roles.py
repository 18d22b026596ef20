"""Who a user is to theodoi: a role (DESIGN.md's table), an organisation, and the scope whose
plans it works on, taken from the membership the person chose (or its first)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.users import AnyUser, User


@dataclass(frozen=True)
class Persona:
    """``role`` None is the public: anonymous, or signed in without a role. ``scope_ids`` are
    the bodies whose plans the persona works on (its scope and every body its scope
    succeeded); None is the nation. What a persona may see and do is
    theodoi.reporting.access's."""

    role: Role | None
    organisation: Organisation | None
    scope: Organisation | None = None
    scope_ids: frozenset[int] | None = None
    confidential: bool = False
    membership_id: int | None = None
    user_id: int | None = None


# A page asks several times per request (gate, menu, access rules): the answer is kept on the
# user object, which lives one request; grant_role forgets it when it changes the role.
MEMO = "_theodoi_persona"
# The membership a person chose to act in (theodoi.orgs.middleware puts the session's choice
# here); a choice that is not one of theirs is ignored.
CHOICE = "_theodoi_membership"


def persona_of(user: AnyUser | None) -> Persona:
    if user is None or isinstance(user, AnonymousUser):
        return Persona(None, None)
    persona: Persona | None = getattr(user, MEMO, None)
    if persona is None:
        persona = _looked_up(user)
        setattr(user, MEMO, persona)
    return persona


def _memberships_sql() -> tuple[str, str]:
    """A person's memberships, then the bodies they name (organisation, its parent, scope)."""
    held, bodies = Membership._meta.db_table, Organisation._meta.db_table
    return (
        f"SELECT * FROM {held} WHERE user_id = %s ORDER BY id",
        f"SELECT * FROM {bodies} WHERE id IN (SELECT organisation_id FROM {held}"
        f" WHERE user_id = %s UNION SELECT scope_id FROM {held} WHERE user_id = %s"
        f" UNION SELECT b.parent_id FROM {bodies} b JOIN {held} m ON m.organisation_id = b.id"
        f" WHERE m.user_id = %s)",
    )


def memberships_of(user: User) -> list[Membership]:
    """The person's memberships in order, each with its organisation (and its parent) and
    scope loaded. Two statements written once: every signed-in request reads them for its
    persona, and the ORM's composing of the three joins cost 0.6 ms of CPU each time, most of
    what a cached page costs beyond any request's."""
    held_sql, bodies_sql = _memberships_sql()
    memberships = list(Membership.objects.raw(held_sql, [user.pk]))
    if not memberships:
        return memberships
    bodies = {b.pk: b for b in Organisation.objects.raw(bodies_sql, [user.pk] * 3)}
    for body in bodies.values():
        if body.parent_id in bodies:
            body.parent = bodies[body.parent_id]
    for membership in memberships:
        if membership.organisation_id is not None:
            membership.organisation = bodies[membership.organisation_id]
        if membership.scope_id is not None:
            membership.scope = bodies[membership.scope_id]
    return memberships


def _looked_up(user: User) -> Persona:
    memberships = memberships_of(user)
    if not memberships:
        # IT staff created with createsuperuser have no membership row.
        is_superuser = bool(getattr(user, "is_superuser", False))
        return Persona(Role.ADMIN if is_superuser else None, None, user_id=user.pk)
    chosen = getattr(user, CHOICE, None)
    membership = next((m for m in memberships if m.pk == chosen), memberships[0])
    scope = membership.scope
    return Persona(
        Role(membership.role),
        membership.organisation,
        scope=scope,
        scope_ids=frozenset(scope.lineage_ids()) if scope is not None else None,
        confidential=membership.confidential,
        membership_id=membership.pk,
        user_id=user.pk,
    )


def forget(user: User) -> None:
    """Drop the persona kept on ``user``, after its memberships or its choice changed."""
    if hasattr(user, MEMO):
        delattr(user, MEMO)

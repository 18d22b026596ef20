"""Who a user is to theodoi: a role (DESIGN.md's table) and, for a reporter, an organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.users import AnyUser, User


@dataclass(frozen=True)
class Persona:
    """``role`` None is the public: anonymous, or signed in without a role. What a persona may
    see and do is theodoi.reporting.access's."""

    role: Role | None
    organisation: Organisation | None


# A page asks several times per request (gate, menu, access rules): the answer is kept on the
# user object, which lives one request; grant_role forgets it when it changes the role.
MEMO = "_theodoi_persona"


def persona_of(user: AnyUser | None) -> Persona:
    if user is None or isinstance(user, AnonymousUser):
        return Persona(None, None)
    persona: Persona | None = getattr(user, MEMO, None)
    if persona is None:
        persona = _looked_up(user)
        setattr(user, MEMO, persona)
    return persona


def _looked_up(user: User) -> Persona:
    try:
        membership = Membership.objects.select_related("organisation").get(user=user)
    except Membership.DoesNotExist:
        # IT staff created with createsuperuser have no membership row.
        is_superuser = bool(getattr(user, "is_superuser", False))
        return Persona(Role.ADMIN if is_superuser else None, None)
    return Persona(Role(membership.role), membership.organisation)

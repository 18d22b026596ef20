"""Whether a person is offered the Word and Excel downloads (the views check it again)."""

from __future__ import annotations

from django import template

from theodoi.orgs.roles import persona_of
from theodoi.plans.access import User

register = template.Library()


@register.filter
def may_export(user: User) -> bool:
    return persona_of(user).is_staff_reader

"""Whether a person is offered the Word and Excel downloads (the views check it again)."""

from __future__ import annotations

from django import template

from theodoi.reporting.access import User, is_staff_reader

register = template.Library()


@register.filter
def may_export(user: User) -> bool:
    return is_staff_reader(user)

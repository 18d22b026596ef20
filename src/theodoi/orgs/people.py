"""The people of an organisation: whom a task's assignment to it may name in charge."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from theodoi.orgs.models import Organisation
from theodoi.users import User


def people_of(organisation: Organisation, as_of: datetime.date) -> QuerySet[User]:
    """Active people holding a membership (any role) in the body that carries
    ``organisation``'s work on ``as_of``, or in a body it succeeded: a task assigned to Tiền
    Giang's Sở Thông tin và Truyền thông names people of Đồng Tháp's Sở Khoa học và Công nghệ."""
    current = organisation.current(as_of)
    return (
        User.objects.filter(is_active=True, memberships__organisation_id__in=current.lineage_ids())
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def name_of(person: User) -> str:
    """How a page and a notice name a person: the full name, else the user name."""
    return person.get_full_name() or person.get_username()

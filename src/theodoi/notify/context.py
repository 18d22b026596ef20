"""The number of unread notices, for the header of every page."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest

from theodoi.notify.models import Notice


def _unread_sql() -> str:
    # Written once by hand: composing the ORM's count cost ten times the count itself, on
    # every page a signed-in person opens (a cached page's header included).
    recipient, read_at = Notice._meta.get_field("recipient"), Notice._meta.get_field("read_at")
    return (
        f"SELECT COUNT(*) FROM {Notice._meta.db_table}"
        f" WHERE {recipient.column} = %s AND {read_at.column} IS NULL"
    )


def unread_notices(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_unread_sql(), [user.pk])
        (count,) = cursor.fetchone()
    return {"unread_notices": int(count)}

"""The number of unread notices, for the header of every page."""

from __future__ import annotations

from django.http import HttpRequest

from theodoi.notify.models import Notice


def unread_notices(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Notice.objects.filter(recipient=user, read_at=None).count()}

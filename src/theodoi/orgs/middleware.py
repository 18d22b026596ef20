"""Which of a person's memberships this request acts in: the one chosen on the switch page,
kept in the session."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from theodoi.orgs.roles import CHOICE

SESSION_KEY = "theodoi_membership"


def chosen_membership(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    def middleware(request: HttpRequest) -> HttpResponseBase:
        # Only a session that holds a choice is read, so a visitor without one costs nothing.
        choice = request.session.get(SESSION_KEY)
        if choice is not None and request.user.is_authenticated:
            setattr(request.user, CHOICE, choice)
        return get_response(request)

    return middleware

"""Staff pages kept whole in the cache (the dashboard and its roll-ups): the layout, the menu
and the page, all but the account corner of the header, which names the person, counts their
unread notices and carries their CSRF token, and is filled in on every request.

A hit then costs the page's key and one small template, near what any signed-in request
costs: caching only the page's body left the layout, its menu and the queries of its context
to every hit (7 ms of CPU for a dashboard whose body was cached, eighteen times a public
page). The key is the caller's (what the page shows, as STYLE.md rule 17 asks) with what the
layout adds: the address (the menu marks the current page), the menu the person is offered
and the language."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from theodoi.caching import fetch, keep
from theodoi.workspace.templatetags.workspace import menu_routes

# Stands for the account corner in a kept page; base.html writes it when given it.
ACCOUNT_HOLE = mark_safe("<!-- theodoi: account -->")
_HOLE = ACCOUNT_HOLE.encode()


def _account(request: HttpRequest) -> str:
    """The account corner of ``request``'s person, as base.html would write it (the context
    processors give the person and their unread notices)."""
    return render_to_string("_account.html", request=request)


def whole_page(
    request: HttpRequest,
    key: tuple[object, ...] | None,
    render: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """The page ``render`` makes (given extra context for the layout), from the cache under
    ``key`` when it is there; None as a key renders it afresh and keeps nothing. A request
    with messages to show renders afresh, so they are shown (and used) once."""
    if key is None or request.method != "GET" or len(get_messages(request)):
        return render({})
    parts = (key, request.path, menu_routes(request.user), translation.get_language())
    digest = "staff-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    # Kept as the bytes sent: a page of Vietnamese kept as text was decoded and encoded
    # again on every hit, most of what a hit cost.
    kept: bytes | None = fetch(digest)
    if kept is None:
        response = render({"account_hole": ACCOUNT_HOLE})
        if response.status_code != 200:
            return response
        kept = response.content
        keep(digest, kept)
    return HttpResponse(kept.replace(_HOLE, _account(request).encode(), 1))

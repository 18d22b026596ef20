"""Headers every response carries: the Content-Security-Policy, and no caching anywhere of a
page a signed-in person saw.

The policy is one fixed string because every script and style the platform serves is a file
of its own (no inline ``<script>``, no ``style=`` attribute, no event handler attribute), all
from this origin: DESIGN.md's "no CDN" is enforced by the browser as well.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# A signed-in page names the person and shows what only their role may read: no shared cache
# on the way may keep it, and the browser may not write it to disk.
SIGNED_IN_CACHE_CONTROL = "private, no-store"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        # No user when the request failed before authentication (a foreign Host).
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = SIGNED_IN_CACHE_CONTROL
        return response

"""``ETag`` and ``If-None-Match`` on the API's reads: a system polling a plan's state gets 304
and no body when nothing changed. Django's own middleware does the work; it stays off the
pages, whose caching is theodoi.caching's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.http import ConditionalGetMiddleware

PREFIX = "/api/"


class ApiConditionalGet(ConditionalGetMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return response
        return super().process_response(request, response)

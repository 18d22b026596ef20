"""How a registered exporter is served: its URL, its gate and its response, the same for
every file. The view of each subject only finds the subject, with its own access rules."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from theodoi.exports.registry import EXPORTERS, Exporter, Subject, exporters_of
from theodoi.orgs.roles import persona_of

View = Callable[..., HttpResponse]
# Finds the subject of the request (raising Http404 or PermissionDenied), given the
# exporter and the URL's arguments.
Finder = Callable[..., Any]


def attachment(exporter: Exporter[Any], subject: Any) -> HttpResponse:
    response = HttpResponse(exporter.render(subject), content_type=exporter.media_type)
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename(subject)}"'
    return response


def serves(find: Finder) -> View:
    """The download view of a subject: anonymous visitors are sent to log in and signed-in
    people the exporter is not for get 403, before anything is looked up."""

    @wraps(find)
    def download(request: HttpRequest, *args: Any, exporter: str, **arguments: Any) -> HttpResponse:
        chosen = EXPORTERS[exporter]
        if not chosen.may_use(persona_of(request.user)):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return attachment(chosen, find(request, chosen, *args, **arguments))

    return download


def exporter_paths(subject: Subject, view: View) -> list[URLPattern]:
    """The routes of every exporter of ``subject``, for its namespace's urls.py."""
    return [path(e.route, view, {"exporter": e.key}, name=e.key) for e in exporters_of(subject)]

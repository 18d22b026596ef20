"""Which people may open a workspace page. Which rows they see is theodoi.plans.access's job."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from theodoi.orgs.roles import persona_of
from theodoi.plans.access import may_import
from theodoi.users import AnyUser

# A gated view takes an AuthenticatedRequest: the gate lets only signed-in people through.
View = Callable[..., HttpResponseBase]


def _gate(allowed: Callable[[AnyUser], bool]) -> Callable[[View], View]:
    """Anonymous visitors are sent to the login page; a signed-in person not allowed gets 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return gated

    return decorate


def has_role(user: AnyUser) -> bool:
    """Signed in with a role of DESIGN.md's table; everyone else is the public."""
    return persona_of(user).role is not None


staff_required = _gate(has_role)
importer_required = _gate(may_import)

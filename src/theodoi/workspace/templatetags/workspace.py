"""The menu of the base layout: the pages a person may open, by role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from theodoi.reporting.access import has_role, is_coordinator, is_staff_reader
from theodoi.users import AnyUser
from theodoi.workspace import sso
from theodoi.workspace.views.gates import reads_audit

register = template.Library()


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
    current: bool


def _anyone(user: AnyUser) -> bool:
    return True


def _is_it_staff(user: AnyUser) -> bool:
    # Django admin lets in only is_staff accounts; the menu offers it to them alone.
    return bool(getattr(user, "is_staff", False))


# Route name, label, who sees it in the menu; what a person may open is checked by the views.
_MENU: list[tuple[str, Callable[[], str], Callable[[AnyUser], bool]]] = [
    ("workspace:home", lambda: _("Home"), _anyone),
    ("workspace:plan_list", lambda: _("Plans"), has_role),
    ("dashboard:dashboard", lambda: _("Dashboard"), has_role),
    ("dashboard:province", lambda: _("Roll-up"), is_staff_reader),
    ("people:people", lambda: _("People in charge"), is_staff_reader),
    ("reporting:round_list", lambda: _("Reporting rounds"), has_role),
    ("coverage:coverage", lambda: _("Coverage"), is_staff_reader),
    ("reporting:extension_list", lambda: _("Extensions"), has_role),
    ("workspace:import_upload", lambda: _("Import a plan"), is_coordinator),
    ("workspace:people", lambda: _("Accounts"), is_coordinator),
    ("api:tokens", lambda: _("Integration"), is_coordinator),
    ("auditlog:entries", lambda: _("Audit log"), reads_audit),
    ("feedback:inbox", lambda: _("Feedback"), has_role),
    ("directives:list", lambda: _("Directives"), has_role),
    ("portal:plan_list", lambda: _("Public portal"), _anyone),
    ("admin:index", lambda: _("Administration"), _is_it_staff),
]


def menu_routes(user: AnyUser) -> tuple[str, ...]:
    """The routes of the menu ``user`` is offered, in its order (a page kept whole keys on
    them)."""
    return tuple(route for route, _label, shown in _MENU if shown(user))


@register.simple_tag(takes_context=True)
def nav_links(context: dict[str, Any]) -> list[NavLink]:
    request = context.get("request")
    if request is None:
        return []
    offered = set(menu_routes(request.user))
    links = []
    for route, label, _shown in _MENU:
        if route not in offered:
            continue
        url = reverse(route)
        current = request.path == url if url == "/" else request.path.startswith(url)
        links.append(NavLink(url=url, label=label(), current=current))
    return links


@register.simple_tag
def sso_enabled() -> bool:
    """Whether the login page offers the province's single sign-on."""
    return sso.enabled()

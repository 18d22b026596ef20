"""Every named route of the project, for every role, answers with the status this matrix
declares. A route added without a row here fails the test: access is decided on purpose.

Django admin (``quan-tri/``) is left out: it is IT staff's, behind its own staff login.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import GOLD, NOW
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import ImportDraft, Plan

ROLES = ("public", "reporter", "other_reporter", "leader", "coordinator", "admin_persona")
LOGIN = "login"  # a redirect to the login page
HOME = "home"  # a redirect away from the page, to where the work goes on


@dataclass(frozen=True)
class Route:
    method: str
    expected: dict[str, int | str]
    data: tuple[tuple[str, str], ...] = ()


def each(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def staff_only(status: int | str) -> dict[str, int | str]:
    return {**each(status), "public": LOGIN}


def importers(status: int | str) -> dict[str, int | str]:
    return {
        "public": LOGIN,
        "reporter": 403,
        "other_reporter": 403,
        "leader": 403,
        "coordinator": status,
        "admin_persona": status,
    }


MATRIX: dict[str, Route] = {
    "login": Route("GET", {**each(HOME), "public": 200}),
    "logout": Route("POST", each(HOME)),
    "workspace:home": Route("GET", each(200)),
    "workspace:plan_list": Route("GET", staff_only(200)),
    "workspace:plan_detail": Route("GET", staff_only(200)),
    "workspace:import_upload": Route("GET", importers(200)),
    "workspace:import_preview": Route("GET", importers(200)),
    "workspace:import_edit_cell": Route(
        "POST",
        importers(HOME),
        (("table", "tasks"), ("row", "0"), ("field", "title"), ("value", "Nhiệm vụ đã sửa")),
    ),
    "workspace:import_map_agency": Route("POST", importers(HOME)),
    "workspace:import_publish": Route("POST", importers(HOME)),
    "workspace:import_discard": Route("POST", importers(HOME)),
}


def named_routes(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_named_route_is_in_the_matrix() -> None:
    assert {name for name, _pattern in named_routes()} == set(MATRIX)


def small_plan(gold: str, *, keep: int) -> bytes:
    plan = json.loads((GOLD / gold).read_text(encoding="utf-8"))
    plan["tasks"] = plan["tasks"][:keep]
    plan["indicators"] = plan["indicators"][:keep]
    plan["tasks"][0]["lead"] = ["Trung tâm Giám sát điều hành thông minh"]
    return json.dumps(plan, ensure_ascii=False).encode()


@pytest.fixture
def published(orgs: None) -> Plan:
    upload = SimpleUploadedFile("69.json", small_plan("004_aea82470e0b2daef.json", keep=3))
    return publish_import(stage_import(upload, by=None, now=NOW), by=None, now=NOW)


@pytest.fixture
def draft(orgs: None) -> ImportDraft:
    upload = SimpleUploadedFile("66.json", small_plan("003_de113db257313a93.json", keep=2))
    return stage_import(upload, by=None, now=NOW)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_route_answers_each_role_as_declared(
    route: str,
    role: str,
    request: pytest.FixtureRequest,
    published: Plan,
    draft: ImportDraft,
) -> None:
    declared = MATRIX[route]
    kwargs = {"plan_id": published.pk, "draft_id": draft.pk}
    pattern = dict(named_routes())[route]
    url = reverse(route, kwargs={k: kwargs[k] for k in pattern.pattern.converters})
    client = Client()
    person = request.getfixturevalue(role)
    if isinstance(person, User):
        client.force_login(person)
    data = dict(declared.data)
    if route == "workspace:import_map_agency":
        data = {"name": draft.unresolved[0], "organisation": str(draft.province_id or "")}
    response = client.post(url, data) if declared.method == "POST" else client.get(url)

    expected = declared.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif expected == HOME:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected

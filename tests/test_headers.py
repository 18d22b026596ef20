"""The headers of every page: a Content-Security-Policy that allows no inline script or style,
and no caching of what a signed-in person saw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from theodoi.headers import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "theodoi"


def test_the_policy_allows_only_this_origin_and_no_inline_code() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_no_template_holds_an_inline_script_a_style_attribute_or_an_event_handler() -> None:
    """What the policy would block in the browser, found before it gets there."""
    offending = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        inline_script = re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
        if inline_script or re.search(r"\sstyle=\"|\son[a-z]+=\"|<style", text):
            offending.append(str(template.relative_to(TEMPLATES)))
    assert offending == []


def test_a_public_page_carries_the_policy_and_may_be_cached(orgs: None) -> None:
    response = Client().get(reverse("portal:plan_list"))
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_signed_in_page_is_never_stored(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    for name in ("workspace:home", "workspace:plan_list", "portal:plan_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY

"""Single sign-on against a real OpenID Connect provider on this machine (oidc-provider, run by
Node.js): a person of the province signs in there and arrives in theodoi with the role the
provider's claim gives; one with no role is turned back with a message."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from tests.browser import shot
from theodoi.orgs.models import Membership, Role

pytestmark = pytest.mark.browser

PROVIDER = Path(__file__).with_name("provider.mjs")
ACCOUNTS = {
    "nguyenvana": {
        "email": "nguyen.van.a@dongthap.gov.vn",
        "email_verified": True,
        "given_name": "Nguyễn Văn A",
        "theodoi_roles": ["reporter@dong-thap--so-khoa-hoc-cong-nghe"],
    },
    "khongvaitro": {"email": "khong.vai.tro@dongthap.gov.vn", "theodoi_roles": []},
}


@pytest.fixture
def provider(live_server: LiveServer, settings: Settings, orgs: None) -> Iterator[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: run scripts/install-system-deps")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [node, str(PROVIDER), str(port), f"{live_server.url}/dang-nhap/sso/ve/"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "OIDC_ACCOUNTS": json.dumps(ACCOUNTS)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    settings.OIDC_RP_CLIENT_ID = "theodoi"
    settings.OIDC_RP_CLIENT_SECRET = "theodoi-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile theodoi"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS[:-1],
        "theodoi.workspace.sso.ClaimsBackend",
        settings.AUTHENTICATION_BACKENDS[-1],
    ]
    try:
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def sign_in_at_provider(page: Page, live_server: LiveServer, login: str) -> None:
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản của tỉnh").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("bất kỳ")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # the provider's consent page


def test_a_person_of_the_province_signs_in_with_the_role_the_provider_gives(
    page: Page, live_server: LiveServer, provider: str
) -> None:
    sign_in_at_provider(page, live_server, "nguyenvana")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    shot(page, "sso-signed-in", folder="sso")
    user = User.objects.get(email="nguyen.van.a@dongthap.gov.vn")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.organisation.code) == (
        Role.REPORTER,
        "dong-thap--so-khoa-hoc-cong-nghe",
    )
    assert not user.has_usable_password()


def test_a_person_with_no_role_is_turned_back(
    page: Page, live_server: LiveServer, provider: str
) -> None:
    sign_in_at_provider(page, live_server, "khongvaitro")
    expect(page.get_by_role("alert")).to_contain_text("chưa được giao vai trò")
    shot(page, "sso-no-role", folder="sso")
    assert not User.objects.filter(email="khong.vai.tro@dongthap.gov.vn").exists()

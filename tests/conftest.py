"""Shared fixtures: the organisation data loaded once per test database, and one persona per
role (DESIGN.md's table), each built through the real services."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.files import File
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.fixtures import Settings

from theodoi.orgs.loading import load_organisations
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import Plan

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "extraction" / "gold"
SEEDS = SHARED / "seeds"
NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)

# Two test workers share two cores with LibreOffice and Chromium: how fast Hypothesis draws
# inputs there measures the machine, not the code, so neither its deadline nor its speed
# health check may fail a run.
hypothesis_settings.register_profile(
    "theodoi", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("theodoi")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_organisations(by=None, now=NOW)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    """Django's production hasher takes seconds here by design; tests need no such cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def orgs(db: None) -> None:
    """The shipped organisation data. Tests on a live server flush the database afterwards,
    so it is loaded again when missing."""
    if not Organisation.objects.filter(code="dong-thap").exists():
        load_organisations(by=None, now=NOW)


@pytest.fixture
def now() -> datetime.datetime:
    return NOW


def org(code: str) -> Organisation:
    """A body of the shipped data by its code: ``dong-thap--so-khoa-hoc-cong-nghe``."""
    return Organisation.objects.get(code=code)


@pytest.fixture
def make_user(orgs: None) -> Callable[..., User]:
    def build(username: str, role: Role | None, organisation: Organisation | None = None) -> User:
        user = User.objects.create_user(username, password="mật-khẩu-thử-nghiệm-1")
        if role is not None:
            grant_role(user, role, organisation, by=None, now=NOW)
        return user

    return build


@pytest.fixture
def admin_persona(make_user: Callable[..., User]) -> User:
    return make_user("quantri", Role.ADMIN)


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user("daumoi", Role.COORDINATOR, org("dong-thap--so-khoa-hoc-cong-nghe"))


@pytest.fixture
def leader(make_user: Callable[..., User]) -> User:
    return make_user("lanhdao", Role.LEADER, org("dong-thap"))


@pytest.fixture
def reporter(make_user: Callable[..., User]) -> User:
    """Today's Sở Khoa học và Công nghệ of Đồng Tháp, which carries Tiền Giang's tasks since
    the merger (and those of Sở Thông tin và Truyền thông before it)."""
    return make_user("sokhcn", Role.REPORTER, org("dong-thap--so-khoa-hoc-cong-nghe"))


@pytest.fixture
def other_reporter(make_user: Callable[..., User]) -> User:
    return make_user("soyte", Role.REPORTER, org("dong-thap--so-y-te"))


@pytest.fixture
def public() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def import_gold(orgs: None) -> Callable[..., Plan]:
    """Import a gold Plan JSON file through the import services, as the import page does."""

    def build(name: str, *, by: User | None = None) -> Plan:
        with (GOLD / name).open("rb") as handle:
            draft = stage_import(File(handle, name=name), by=by, now=NOW)
        return publish_import(draft, by=by, now=NOW, confirm_empty=True)

    return build


@pytest.fixture
def tien_giang_plan(import_gold: Callable[..., Plan]) -> Plan:
    """Seed 004: Tiền Giang's plan 69/KH-UBND, 67 tasks and 42 indicators."""
    return import_gold("004_aea82470e0b2daef.json")

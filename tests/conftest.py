"""Shared fixtures, each defined from the builders (tests/builders.py): the organisation data
loaded once per test database, one persona per role, seed 004 imported, its half-year round of
2026 reported on by Sở Khoa học và Công nghệ and evaluated."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser, User
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.fixtures import Settings

from tests import builders
from tests.builders import AS_OF, NOW, REVIEWED, TIEN_GIANG, make_persona, org
from theodoi.caching import forget_this_worker
from theodoi.orgs.loading import load_organisations
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

pytest_plugins = ["tests.browser", "tests.concurrency", "pytester"]

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
def no_page_from_another_test() -> None:
    """Each test has a database of its own, whose ids and digests another test's can repeat:
    a page this worker kept for that one would be served for this one."""
    forget_this_worker()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    """Django's production hasher takes seconds here by design; tests need no such cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def orgs(db: None) -> None:
    builders.load_orgs()


@pytest.fixture
def now() -> datetime.datetime:
    return NOW


@pytest.fixture
def make_user(orgs: None) -> Callable[..., User]:
    return make_persona


@pytest.fixture
def admin_persona(orgs: None) -> User:
    return make_persona("quantri", Role.ADMIN)


@pytest.fixture
def coordinator(orgs: None) -> User:
    return make_persona("daumoi", Role.COORDINATOR, org("dong-thap--so-khoa-hoc-cong-nghe"))


@pytest.fixture
def leader(orgs: None) -> User:
    return make_persona("lanhdao", Role.LEADER, org("dong-thap"))


@pytest.fixture
def reporter(orgs: None) -> User:
    """Today's Sở Khoa học và Công nghệ of Đồng Tháp, which carries Tiền Giang's tasks since
    the merger (and those of Sở Thông tin và Truyền thông before it)."""
    return make_persona("sokhcn", Role.REPORTER, org("dong-thap--so-khoa-hoc-cong-nghe"))


@pytest.fixture
def other_reporter(orgs: None) -> User:
    return make_persona("soyte", Role.REPORTER, org("dong-thap--so-y-te"))


@pytest.fixture
def other_coordinator(orgs: None) -> User:
    """The coordinator of Quảng Ngãi, who works on Quảng Ngãi's plans (Kon Tum's too)."""
    return make_persona("daumoi.qn", Role.COORDINATOR, org("quang-ngai--so-khoa-hoc-cong-nghe"))


@pytest.fixture
def inspector(orgs: None) -> User:
    """Đồng Tháp's inspection commission, granted its confidential tasks."""
    user = User.objects.create_user("thanhtra", password=builders.PASSWORD)
    grant_role(user, Role.INSPECTOR, org("dong-thap"), confidential=True, by=None, now=NOW)
    return user


@pytest.fixture
def national_leader(orgs: None) -> User:
    """The national level: reads every province's plans."""
    return make_persona("bokhcn", Role.LEADER, None)


@pytest.fixture
def public() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def reporter_org(reporter: User) -> Organisation:
    return builders.agency_of(reporter)


@pytest.fixture
def import_gold(orgs: None) -> Callable[..., Plan]:
    """Import a gold Plan JSON file through the import services, as the import page does."""
    return builders.import_gold


@pytest.fixture
def tien_giang_plan(orgs: None) -> Plan:
    """Seed 004: Tiền Giang's plan 69/KH-UBND, 67 tasks and 42 indicators."""
    return builders.import_gold(TIEN_GIANG)


@pytest.fixture
def round_(tien_giang_plan: Plan, coordinator: User) -> ReportingRound:
    """Seed 004's half-year round of 2026, opened by the coordinator."""
    return builders.open_half_year_round(tien_giang_plan, by=coordinator)


@pytest.fixture
def report_task(
    round_: ReportingRound, reporter: User, coordinator: User
) -> Callable[..., TaskUpdate]:
    """Submit an update on a task; accept it unless told not to; attach a PDF first if asked."""

    def report(
        task: Task, content: UpdateContent, *, accept: bool = True, evidence: bool = False
    ) -> TaskUpdate:
        return builders.report_task(
            round_,
            task,
            content,
            by=reporter,
            reviewer=coordinator,
            accept=accept,
            evidence=evidence,
        )

    return report


@pytest.fixture
def report_value(
    round_: ReportingRound, reporter: User, coordinator: User
) -> Callable[..., IndicatorValue]:
    def report(
        indicator: Indicator,
        value: float,
        on: datetime.date,
        *,
        baseline: bool = False,
        accept: bool = True,
    ) -> IndicatorValue:
        return builders.report_value(
            round_,
            indicator,
            value,
            on,
            by=reporter,
            reviewer=coordinator,
            baseline=baseline,
            accept=accept,
        )

    return report


@pytest.fixture
def evaluated(tien_giang_plan: Plan) -> PlanSnapshot:
    """Seed 004 evaluated into a snapshot as of ``AS_OF``."""
    return rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)

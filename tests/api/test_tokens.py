"""Tokens: made by the coordinator of the agency's scope, kept only as a digest, refused once
revoked, and read-only unless made read-write."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests import builders
from tests.api.conftest import machine
from theodoi.api.models import ApiToken
from theodoi.api.tokens import (
    TokenError,
    issue_integration_token,
    issue_personal_token,
    revoke_token,
)
from theodoi.audit.models import AuditEntry
from theodoi.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_only_the_digest_of_a_secret_is_kept(agency_token: Callable[..., str]) -> None:
    secret = agency_token()
    token = ApiToken.objects.get()
    assert secret.startswith("td_")
    assert token.digest != secret
    assert secret not in {token.digest, token.prefix, token.name}
    assert secret.startswith(token.prefix)
    assert AuditEntry.objects.filter(action="api.token.issued").count() == 1


def test_an_agency_token_reads_what_the_agency_reads(
    tien_giang_plan: Plan, agency_token: Callable[..., str], reporter: User
) -> None:
    response = machine(agency_token()).get("/api/tasks/", {"page_size": 500})
    assert response.status_code == 200
    codes = {row["code"] for row in response.json()["results"]}
    own = {t.code for t in builders.tasks_of(tien_giang_plan, builders.agency_of(reporter), "lead")}
    assert own <= codes
    assert len(codes) < tien_giang_plan.tasks.count()


def test_a_coordinator_makes_no_token_for_another_provinces_agency(
    other_coordinator: User, reporter: User
) -> None:
    with pytest.raises(TokenError, match="không thuộc phạm vi"):
        issue_integration_token(
            builders.agency_of(reporter),
            "Kết nối",
            writes=False,
            by=other_coordinator,
            now=timezone.now(),
        )
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(coordinator: User, reporter: User) -> None:
    with pytest.raises(TokenError, match="Hãy đặt tên"):
        issue_integration_token(
            builders.agency_of(reporter), "  ", writes=False, by=coordinator, now=timezone.now()
        )
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_in_vietnamese(
    agency_token: Callable[..., str], coordinator: User
) -> None:
    secret = agency_token()
    revoke_token(ApiToken.objects.get(), by=coordinator, now=timezone.now())
    response = machine(secret).get("/api/plans/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Khóa này không tồn tại hoặc đã bị thu hồi."
    with pytest.raises(TokenError):
        revoke_token(ApiToken.objects.get(), by=coordinator, now=timezone.now())


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer td_not-a-token"])
def test_a_malformed_or_unknown_token_is_refused(header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get("/api/plans/")
    assert response.status_code == 401
    assert response.json()["title"] == "Cần đăng nhập"


def test_a_read_only_token_cannot_write(
    agency_token: Callable[..., str], live_round: object, reporter: User
) -> None:
    task = builders.lead_task_of(live_round, reporter)  # type: ignore[arg-type]
    response = machine(agency_token(writes=False)).post(
        f"/api/rounds/{live_round.pk}/tasks/{task.pk}/updates/",  # type: ignore[attr-defined]
        {"status": "in_progress", "progress": 10, "based_on": 0},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "chỉ được đọc" in response.json()["detail"]
    assert not task.updates.exists()


def test_a_personal_token_acts_as_its_person(coordinator: User, leader: User) -> None:
    _token, secret = issue_personal_token(
        leader, "Bảng tính của tôi", writes=False, by=coordinator, now=timezone.now()
    )
    assert machine(secret).get("/api/plans/").status_code == 200
    assert ApiToken.objects.get().user == leader


def test_the_coordinators_page_shows_a_secret_once_and_revokes(
    coordinator: User, reporter: User
) -> None:
    client = builders.signed_in(coordinator)
    agency = builders.agency_of(reporter)
    page = client.post(
        "/tich-hop/khoa/tao/", {"name": "Hệ thống văn bản", "agency": agency.pk, "writes": "on"}
    )
    assert page.status_code == 200
    token = ApiToken.objects.get()
    secret = page.context["secret"]
    assert secret.startswith(token.prefix)
    assert token.writes
    listing = client.get("/tich-hop/khoa/").content.decode()
    assert secret not in listing
    assert token.prefix in listing
    client.post(f"/tich-hop/khoa/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_names_what_is_wrong(coordinator: User, reporter: User) -> None:
    client = builders.signed_in(coordinator)
    both = client.post(
        "/tich-hop/khoa/tao/",
        {"name": "X", "agency": builders.agency_of(reporter).pk, "person": "lanhdao"},
    )
    assert both.status_code == 400
    assert "không chọn cả hai" in both.content.decode()
    unknown = client.post("/tich-hop/khoa/tao/", {"name": "X", "person": "khong-co-ai"})
    assert "Không có tài khoản nào tên “khong-co-ai”" in unknown.content.decode()
    assert not ApiToken.objects.exists()

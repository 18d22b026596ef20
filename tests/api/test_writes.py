"""An agency's system reports through the API as its reporter does through the form: the same
checks and messages, the same versions and audit, nothing stored when refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests import builders
from tests.api.conftest import machine
from theodoi.audit.models import AuditEntry
from theodoi.reporting.models import IndicatorValue, ReportingRound, ReviewState, TaskUpdate
from theodoi.reporting.review import accept_update
from theodoi.workspace.reporting.forms import TaskUpdateForm

pytestmark = pytest.mark.django_db


def post(secret: str, url: str, body: Any) -> Any:
    return machine(secret).post(url, body, content_type="application/json")


def update_url(round_: ReportingRound, reporter: User) -> str:
    task = builders.lead_task_of(round_, reporter)
    return f"/api/rounds/{round_.pk}/tasks/{task.pk}/updates/"


def test_an_update_is_submitted_accepted_and_read_back(
    live_round: ReportingRound,
    agency_token: Callable[..., str],
    reporter: User,
    coordinator: User,
) -> None:
    secret = agency_token()
    body = {"status": "in_progress", "progress": 40, "results": "Đã khảo sát 12 xã.", "based_on": 0}
    response = post(secret, update_url(live_round, reporter), body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["state"], created["progress"], created["version"]) == ("submitted", 40, 1)
    update = TaskUpdate.objects.get()
    assert AuditEntry.objects.filter(action="reporting.update.submitted").count() == 1
    accept_update(update, by=coordinator, now=update.created_at)
    read = machine(secret).get("/api/task-updates/", {"round": live_round.pk, "state": "accepted"})
    assert [row["results"] for row in read.json()["results"]] == ["Đã khảo sát 12 xã."]


def test_a_draft_is_kept_as_a_draft(
    live_round: ReportingRound, agency_token: Callable[..., str], reporter: User
) -> None:
    body = {"status": "not_started", "progress": 0, "based_on": 0, "submit": False}
    assert post(agency_token(), update_url(live_round, reporter), body).status_code == 201
    assert TaskUpdate.objects.get().state == ReviewState.DRAFT


@pytest.mark.parametrize(
    "body",
    [
        {"status": "in_progress", "progress": 150, "based_on": 0},
        {"status": "done", "progress": 100, "based_on": 0},
        {"status": "không rõ", "progress": 10, "based_on": 0},
        {"status": "in_progress", "based_on": 0},
    ],
)
def test_bad_input_gets_the_forms_message_and_stores_nothing(
    live_round: ReportingRound,
    agency_token: Callable[..., str],
    reporter: User,
    body: dict[str, Any],
) -> None:
    response = post(agency_token(), update_url(live_round, reporter), body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    form = TaskUpdateForm({key: str(value) for key, value in body.items()})
    assert not form.is_valid()
    expected = [
        {"field": None if name == "__all__" else name, "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]
    assert response.json()["errors"] == expected
    assert not TaskUpdate.objects.exists()


def test_the_page_shows_the_same_message(
    live_round: ReportingRound, agency_token: Callable[..., str], reporter: User
) -> None:
    body = {"status": "in_progress", "progress": 150, "based_on": 0}
    message = post(agency_token(), update_url(live_round, reporter), body).json()["errors"][0]
    task = builders.lead_task_of(live_round, reporter)
    page = builders.signed_in(reporter).post(
        reverse("reporting:task_update", kwargs={"round_id": live_round.pk, "task_id": task.pk}),
        {**body, "action": "submit"},
    )
    assert message["message"] in page.content.decode()


def test_a_stale_version_is_a_conflict(
    live_round: ReportingRound, agency_token: Callable[..., str], reporter: User
) -> None:
    secret = agency_token()
    url = update_url(live_round, reporter)
    first = {"status": "in_progress", "progress": 10, "based_on": 0, "submit": False}
    assert post(secret, url, first).status_code == 201
    stale = post(secret, url, {**first, "progress": 20})
    assert stale.status_code == 409
    assert stale.json()["title"] == "Xung đột với phiên bản mới hơn"
    assert TaskUpdate.objects.get().progress == 10


def test_another_agencys_task_is_not_found(
    live_round: ReportingRound, agency_token: Callable[..., str], other_reporter: User
) -> None:
    url = update_url(live_round, other_reporter)
    body = {"status": "in_progress", "progress": 10, "based_on": 0}
    assert post(agency_token(), url, body).status_code == 404
    assert not TaskUpdate.objects.exists()


def test_a_body_that_is_not_an_object_is_refused(
    live_round: ReportingRound, agency_token: Callable[..., str], reporter: User
) -> None:
    response = post(agency_token(), update_url(live_round, reporter), [1, 2])
    assert response.status_code == 400
    assert "đối tượng JSON" in response.json()["detail"]
    broken = machine(agency_token()).post(
        update_url(live_round, reporter), "{not json", content_type="application/json"
    )
    assert broken.status_code == 400


def test_a_figure_is_recorded_and_a_word_is_refused(
    live_round: ReportingRound, agency_token: Callable[..., str], reporter: User
) -> None:
    indicator = builders.reporter_indicator(live_round.plan, reporter)
    url = f"/api/rounds/{live_round.pk}/indicators/{indicator.pk}/values/"
    on = live_round.cut_off.isoformat()
    secret = agency_token()
    refused = post(secret, url, {"value": "nhiều", "measured_on": on, "based_on": 0})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "value"
    assert "không phải số" in refused.json()["errors"][0]["message"]
    assert not IndicatorValue.objects.exists()
    body = {
        "value": 12.5,
        "measured_on": on,
        "based_on": 0,
        "confirmed": True,
        "source": "Cục Thống kê",
    }
    created = post(secret, url, body)
    assert created.status_code == 201, created.content
    assert created.json()["value"] == 12.5
    assert IndicatorValue.objects.get().source == "Cục Thống kê"

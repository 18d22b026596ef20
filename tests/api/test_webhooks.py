"""A plan's subscribers get one signed POST per event, through the job queue, retried until
they take it; each try is in the delivery log."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from huey.api import Huey

from tests import builders
from tests.api.receiver import receiver
from tests.notify.conftest import queue, run_queue  # noqa: F401  (the queue fixture)
from theodoi.api.jobs import RETRY_DELAY
from theodoi.api.models import WebhookDelivery, WebhookSubscription
from theodoi.api.webhooks import WebhookError, subscribe
from theodoi.plans.models import Plan, Task
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.review import accept_update
from theodoi.reporting.updates import UpdateContent, submit_update

# The queue's jobs close the database connection when they end, as a worker's do: the tests
# that run them commit for real instead of inside one test transaction.
pytestmark = pytest.mark.django_db(transaction=True)

RETRY = datetime.timedelta(seconds=RETRY_DELAY + 1)

Capture = Callable[..., AbstractContextManager[list[Callable[[], None]]]]


def accepted(
    round_: ReportingRound, reporter: User, coordinator: User, task: Task, commits: Capture
) -> None:
    """Accept an update and run what waits for the commit, as a request's end does."""
    update = submit_update(
        round_,
        task,
        UpdateContent(status="in_progress", progress=30),
        by=reporter,
        based_on=0,
        now=timezone.now(),
    )
    with commits(execute=True):
        accept_update(update, by=coordinator, now=timezone.now())


def verified(secret: str, headers: dict[str, str], body: bytes) -> bool:
    parts = dict(part.split("=", 1) for part in headers["X-Theodoi-Signature"].split(","))
    mac = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(mac.hexdigest(), parts["v1"])


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)
def test_an_accepted_update_is_posted_once_and_signed(
    queue: Huey,  # noqa: F811
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round_ = builders.open_round_now(tien_giang_plan, by=coordinator)
    task = builders.lead_task_of(round_, reporter)
    with receiver() as got:
        subscription = subscribe(
            tien_giang_plan, got.url, ["update.accepted"], by=coordinator, now=timezone.now()
        )
        accepted(round_, reporter, coordinator, task, django_capture_on_commit_callbacks)
        assert run_queue(queue) == 1
        assert run_queue(queue) == 0
    assert len(got.posts) == 1
    post = got.posts[0]
    assert verified(subscription.secret, post.headers, post.body)
    assert not verified("another secret", post.headers, post.body)
    payload = json.loads(post.body)
    assert payload["event"] == "update.accepted"
    assert (payload["data"]["task"], payload["data"]["state"]) == (task.pk, "accepted")
    assert WebhookDelivery.objects.get().delivered_at is not None


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)
def test_a_refused_delivery_is_retried_and_logged(
    queue: Huey,  # noqa: F811
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round_ = builders.open_round_now(tien_giang_plan, by=coordinator)
    with receiver() as got:
        got.answers = [503]
        subscribe(tien_giang_plan, got.url, ["update.accepted"], by=coordinator, now=timezone.now())
        accepted(
            round_,
            reporter,
            coordinator,
            builders.lead_task_of(round_, reporter),
            django_capture_on_commit_callbacks,
        )
        run_queue(queue)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.attempts, delivery.last_status, delivery.delivered_at) == (1, 503, None)
        # The retry waits in the queue's schedule; run it as the worker would once it is due.
        due = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + RETRY
        for task in queue.read_schedule(due):
            queue.execute(task, due)
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.delivered_at is not None
    assert len(got.posts) == 2
    assert got.posts[0].headers["X-Theodoi-Delivery"] == got.posts[1].headers["X-Theodoi-Delivery"]


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)
def test_a_confidential_tasks_report_is_not_sent(
    queue: Huey,  # noqa: F811
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round_ = builders.open_round_now(tien_giang_plan, by=coordinator)
    task = builders.lead_task_of(round_, reporter)
    Task.objects.filter(pk=task.pk).update(confidential=True)
    subscribe(
        tien_giang_plan,
        "http://127.0.0.1:9/",
        ["update.accepted"],
        by=coordinator,
        now=timezone.now(),
    )
    accepted(
        round_,
        reporter,
        coordinator,
        Task.objects.get(pk=task.pk),
        django_capture_on_commit_callbacks,
    )
    assert run_queue(queue) == 0
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("url", "events", "message"),
    [
        ("ftp://he-thong.gov.vn/", ["update.accepted"], "không phải là địa chỉ http"),
        ("https://user:pw@he-thong.gov.vn/", ["update.accepted"], "tên đăng nhập"),
        ("https://he-thong.gov.vn/", [], "ít nhất một"),
        ("https://he-thong.gov.vn/", ["plan.deleted"], "ít nhất một"),
    ],
)
def test_a_bad_subscription_is_refused(
    tien_giang_plan: Plan, coordinator: User, url: str, events: list[str], message: str
) -> None:
    with pytest.raises(WebhookError, match=message):
        subscribe(tien_giang_plan, url, events, by=coordinator, now=timezone.now())
    assert not WebhookSubscription.objects.exists()


def test_another_provinces_coordinator_cannot_subscribe(
    tien_giang_plan: Plan, other_coordinator: User
) -> None:
    with pytest.raises(WebhookError):
        subscribe(
            tien_giang_plan,
            "https://he-thong.gov.vn/",
            ["round.closed"],
            by=other_coordinator,
            now=timezone.now(),
        )

"""The queue's jobs through each back-end: a failing delivery is retried later and logged
without losing its notice; rounds lock at their deadline and snapshots are rebuilt."""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Sequence

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from huey.api import Huey
from pytest_django.fixtures import Settings

from tests.builders import DEADLINE, NOW
from tests.notify.conftest import morning, run_queue
from theodoi.notify import jobs
from theodoi.notify.models import Notice, NoticeKind
from theodoi.notify.services import PlannedNotice, record_notices
from theodoi.reporting.models import ReportingRound, RoundState

pytestmark = pytest.mark.django_db(transaction=True)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_delivery_that_fails_is_retried_later_logged_and_keeps_its_notice(
    queue: Huey,
    reporter_mail: User,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    record_notices(
        [PlannedNotice("returned:update:9:x", reporter_mail, NoticeKind.RETURNED, "Trả lại", "-")],
        now=NOW,
    )
    settings.EMAIL_BACKEND = "tests.notify.test_jobs.RefusingBackend"

    with caplog.at_level(logging.ERROR):
        jobs.deliver_notices(now=NOW.isoformat())
        run_queue(queue)

    [retry] = queue.scheduled()
    assert retry.name.endswith("deliver_notices")
    assert retry.retries == jobs.RETRIES - 1
    assert retry.eta >= datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    assert "deliver_notices" in caplog.text
    assert "Connection unexpectedly closed" in caplog.text
    notice = Notice.objects.get()
    assert notice.sent_at is None
    assert notice.claimed_until is None  # free for the retry, not held for the claim time

    # A minute later the worker's scheduler finds the retry due and runs it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = retry.eta + datetime.timedelta(seconds=1)
    [due] = queue.read_schedule(later)
    assert due.id == retry.id
    queue.execute(due, timestamp=later)
    assert Notice.objects.get().sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Trả lại"]


def test_rounds_lock_at_their_deadline_and_snapshots_are_rebuilt(
    queue: Huey, round_: ReportingRound
) -> None:
    jobs.lock_rounds(now=(DEADLINE - datetime.timedelta(minutes=1)).isoformat())
    jobs.rebuild_snapshots(now=morning(26).isoformat())
    run_queue(queue)
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    # The job adds the snapshot of its own morning, whatever other days the plan has.
    assert round_.plan.snapshots.filter(as_of=datetime.date(2026, 5, 26)).exists()

    jobs.lock_rounds(now=DEADLINE.isoformat())
    run_queue(queue)
    round_.refresh_from_db()
    assert round_.state == RoundState.LOCKED

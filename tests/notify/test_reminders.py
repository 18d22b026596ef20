"""Deadline reminders through the real queue, on SQLite and on Redis, with a controlled clock:
the right reporters on the right days, and running a day again sends nothing new."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail
from huey.api import Huey

from tests.notify.conftest import morning, run_queue
from theodoi.notify import jobs
from theodoi.notify.inbox import set_email_preferences
from theodoi.notify.models import Notice, NoticeKind
from theodoi.notify.recipients import latest_states, missing_tasks
from theodoi.notify.services import due_reminders, send
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import UpdateContent, submit_update

IN_PROGRESS = UpdateContent(status="in_progress", progress=50, results="Đang triển khai.")


def submit_everything(round_: ReportingRound, reporter: User, day: int) -> int:
    organisation = reporter.memberships.get().organisation
    tasks = missing_tasks(round_, organisation, latest_states(round_))
    for task in tasks:
        submit_update(round_, task, IN_PROGRESS, by=reporter, based_on=0, now=morning(day))
    return len(tasks)


def remind(queue: Huey, day: int) -> list[str]:
    """Run the morning reminder job of ``day`` through the queue; who got an e-mail."""
    before = len(mail.outbox)
    jobs.remind_deadlines(now=morning(day).isoformat())
    assert run_queue(queue) == 1
    return sorted(address for message in mail.outbox[before:] for address in message.to)


# Jobs run in the test's own database connection, committed as a worker's would be.
@pytest.mark.django_db(transaction=True)
def test_reporters_get_reminders_7_3_and_1_days_before_the_deadline_until_their_updates_are_in(
    queue: Huey,
    round_: ReportingRound,
    reporter_mail: User,
    other_reporter_mail: User,
    coordinator: User,
) -> None:
    khcn, yte = reporter_mail.email, other_reporter_mail.email
    received = {}
    for day in range(22, 32):
        if day == 27:
            assert submit_everything(round_, other_reporter_mail, day) > 0
        received[day] = remind(queue, day)
        assert remind(queue, day) == [], f"a second run on {day}/5 sent again"

    assert received == {
        22: [],
        23: [],
        24: [],
        25: sorted([khcn, yte]),  # 7 days before 1/6
        26: [],
        27: [],
        28: [],
        29: [khcn],  # Sở Y tế has submitted everything since 27/5
        30: [],
        31: [khcn],
    }
    keys = set(Notice.objects.filter(recipient=reporter_mail).values_list("key", flat=True))
    organisation = reporter_mail.memberships.get().organisation.pk
    assert keys == {
        f"reminder:{round_.pk}:{organisation}:{days}:{reporter_mail.pk}" for days in (7, 3, 1)
    }
    assert not Notice.objects.filter(recipient=coordinator).exists()


def test_a_reminder_names_the_deadline_and_the_tasks_still_owed(
    round_: ReportingRound, reporter_mail: User
) -> None:
    owed = missing_tasks(
        round_, reporter_mail.memberships.get().organisation, latest_states(round_)
    )

    send(due_reminders(morning(29).date()), now=morning(29))

    notice = Notice.objects.get(recipient=reporter_mail)
    assert notice.kind == NoticeKind.REMINDER
    assert "00:00 01/06/2026" in notice.subject
    assert f"{len(owed)} nhiệm vụ" in notice.subject, notice.subject
    assert "trong 3 ngày" in notice.body
    assert f"- {owed[0].code}. " in notice.body
    assert mail.outbox[-1].subject == notice.subject
    assert mail.outbox[-1].extra_headers["X-Theodoi-Event"] == notice.key


def test_a_reporter_who_turned_off_reminder_emails_still_sees_the_notice(
    round_: ReportingRound, reporter_mail: User, other_reporter_mail: User
) -> None:
    set_email_preferences(other_reporter_mail, [NoticeKind.RETURNED], now=morning(20))

    send(due_reminders(morning(25).date()), now=morning(25))

    assert [m.to for m in mail.outbox] == [[reporter_mail.email]]

    notice = Notice.objects.get(recipient=other_reporter_mail)
    assert notice.sent_at is not None
    assert not notice.emailed
    assert notice.read_at is None

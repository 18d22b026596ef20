"""Notices about a round, through the real job queue and Django's mail layer: the agencies
of a round get one when it opens, an agency gets one when it is reopened for it, and a returned
report's notice leads to the form where it is corrected."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from huey.api import Huey

from tests.builders import DEADLINE, OPENED
from tests.notify.conftest import run_queue
from tests.notify.test_planning import HALFWAY, task
from theodoi.notify import jobs
from theodoi.notify.models import Notice, NoticeKind
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.review import return_update
from theodoi.reporting.rounds import lock_due_rounds, reopen_round_for
from theodoi.reporting.updates import submit_update

pytestmark = pytest.mark.django_db(transaction=True)

SOON = OPENED + datetime.timedelta(minutes=10)


def test_opening_a_round_tells_each_agency_in_it_once_with_a_link_to_its_page(
    queue: Huey,
    round_: ReportingRound,
    reporter_mail: User,
    other_reporter_mail: User,
) -> None:
    jobs.notify_rounds(now=SOON.isoformat())
    jobs.notify_rounds(now=(SOON + datetime.timedelta(minutes=10)).isoformat())
    run_queue(queue)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [reporter_mail.email, other_reporter_mail.email]
    )
    mine = Notice.objects.get(recipient=reporter_mail)
    assert mine.kind == NoticeKind.ROUND
    assert mine.subject == "Kỳ báo cáo “Báo cáo 6 tháng đầu năm 2026” mở đến 00:00 01/06/2026"
    assert "Sở Khoa học và Công nghệ báo cáo" in mine.body
    assert mine.link == reverse("reporting:agency", args=[round_.pk])


def test_reopening_a_round_tells_only_the_agency_it_is_reopened_for(
    queue: Huey,
    round_: ReportingRound,
    reporter_mail: User,
    other_reporter_mail: User,
    coordinator: User,
) -> None:
    after = DEADLINE + datetime.timedelta(days=1)
    lock_due_rounds(after)
    reopen_round_for(
        round_,
        reporter_mail.memberships.get().organisation,
        by=coordinator,
        until=after + datetime.timedelta(days=3),
        now=after,
    )
    jobs.notify_rounds(now=(after + datetime.timedelta(minutes=10)).isoformat())
    run_queue(queue)

    [message] = mail.outbox
    assert message.to == [reporter_mail.email]
    assert message.subject.startswith("Kỳ báo cáo “Báo cáo 6 tháng đầu năm 2026” được mở lại")
    assert "00:00 05/06/2026" in message.body


def test_a_returned_report_leads_to_the_tasks_form(
    queue: Huey, round_: ReportingRound, reporter_mail: User, coordinator: User
) -> None:
    pl236 = task(round_, "PL2.36")
    during = OPENED + datetime.timedelta(days=10)
    update = submit_update(round_, pl236, HALFWAY, by=reporter_mail, based_on=0, now=during)
    return_update(update, by=coordinator, reason="Thiếu minh chứng.", now=during)
    jobs.notify_returned(now=(during + datetime.timedelta(minutes=10)).isoformat())
    run_queue(queue)

    notice = Notice.objects.get(kind=NoticeKind.RETURNED)
    assert notice.link == reverse("reporting:task_update", args=[round_.pk, pl236.pk])
    assert len(mail.outbox) == 1

"""Notices of the answers agencies owe: a directive reaches the agency's reporters when it is
given and again once it is late; a piece of feedback sent to an agency reminds its reporters
once its answer is late. Planning a day twice stores each notice once."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import translation

from tests.builders import NOW, agency_of
from theodoi.directives.services import answer_directive, issue_directive
from theodoi.limits.counters import source_of
from theodoi.notify.answers import answered_notices, directive_notices, feedback_notices
from theodoi.notify.models import Notice
from theodoi.notify.services import send
from theodoi.plans.models import Plan
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.handling import answer_feedback, route_feedback

DUE = datetime.date(2026, 12, 5)
TEXT = "Đề nghị báo cáo nguyên nhân nhiệm vụ chậm tiến độ."


@pytest.fixture(autouse=True)
def vietnamese() -> None:
    translation.activate("vi")


def test_a_directive_is_noticed_when_given_and_once_late_and_not_after_its_answer(
    tien_giang_plan: Plan, leader: User, reporter_mail: User, other_reporter_mail: User
) -> None:
    directive = issue_directive(
        tien_giang_plan,
        task=None,
        agency=agency_of(reporter_mail),
        text=TEXT,
        due=DUE,
        by=leader,
        now=NOW,
    )
    given = directive_notices(NOW.date())
    assert [(p.recipient, p.subject) for p in given] == [
        (reporter_mail, "Ý kiến chỉ đạo cần trả lời trước hết ngày 05/12/2026")
    ]
    assert TEXT in given[0].body
    send(given, now=NOW)
    send(directive_notices(NOW.date()), now=NOW)
    assert Notice.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["sokhcn@dongthap.gov.vn"]]

    late = directive_notices(DUE + datetime.timedelta(days=1))
    assert [p.subject for p in late] == ["Ý kiến chỉ đạo chưa được trả lời, quá hạn từ 05/12/2026"]

    answer_directive(directive, text="Đã khắc phục.", by=reporter_mail, now=NOW)
    assert directive_notices(DUE + datetime.timedelta(days=1)) == []


def test_feedback_reminds_the_agency_once_its_answer_is_late(
    tien_giang_plan: Plan, coordinator: User, reporter_mail: User
) -> None:
    item = submit_feedback(
        kind="kien_nghi",
        message="Đề nghị công khai tiến độ.",
        plan=tien_giang_plan,
        name="Lê Văn C",
        contact="0912000111",
        source=source_of("203.0.113.12"),
        now=NOW,
    )
    route_feedback(item, agency=agency_of(reporter_mail), due=DUE, by=coordinator, now=NOW)

    assert feedback_notices(DUE) == []
    late = feedback_notices(DUE + datetime.timedelta(days=1))
    assert [(p.recipient, p.subject) for p in late] == [
        (reporter_mail, "Kiến nghị, phản ánh chưa được trả lời, quá hạn từ 05/12/2026")
    ]
    # The agency reads the question, never who sent it.
    assert "Lê Văn C" not in late[0].body
    assert "0912000111" not in late[0].body
    send(late, now=NOW)
    send(feedback_notices(DUE + datetime.timedelta(days=2)), now=NOW)
    assert Notice.objects.count() == 1

    answer_feedback(item, text="Đã công khai.", by=reporter_mail, now=NOW)
    assert feedback_notices(DUE + datetime.timedelta(days=3)) == []


def test_an_answer_reaches_who_waits_for_it_once(
    tien_giang_plan: Plan,
    leader: User,
    coordinator: User,
    other_coordinator: User,
    reporter_mail: User,
) -> None:
    directive = issue_directive(
        tien_giang_plan,
        task=None,
        agency=agency_of(reporter_mail),
        text=TEXT,
        due=DUE,
        by=leader,
        now=NOW,
    )
    answer_directive(directive, text="Đã khắc phục.", by=reporter_mail, now=NOW)
    item = submit_feedback(
        kind="phan_anh",
        message="Cổng thông tin chậm.",
        plan=tien_giang_plan,
        name="Đỗ Văn E",
        contact="",
        source=source_of("203.0.113.13"),
        now=NOW,
    )
    route_feedback(item, agency=agency_of(reporter_mail), due=DUE, by=coordinator, now=NOW)
    answer_feedback(item, text="Đã nâng cấp máy chủ.", by=reporter_mail, now=NOW)
    later = NOW + datetime.timedelta(hours=1)

    planned = answered_notices(later, within=datetime.timedelta(days=2))

    assert sorted((p.recipient.username, p.subject) for p in planned) == [
        ("daumoi", "Sở Khoa học và Công nghệ đã trả lời một phản ánh: hãy duyệt và công khai"),
        ("lanhdao", "Sở Khoa học và Công nghệ đã trả lời ý kiến chỉ đạo của bạn"),
    ]
    assert "Đỗ Văn E" not in planned[0].body + planned[1].body
    send(planned, now=later)
    send(answered_notices(later, within=datetime.timedelta(days=2)), now=later)
    assert Notice.objects.count() == 2
    assert (
        answered_notices(NOW + datetime.timedelta(days=3), within=datetime.timedelta(days=2)) == []
    )

"""Who gets which notice on a day, decided by the planning services with a controlled clock:
overdue warnings from the evaluation rules, returned updates with their reason, and the
coordinator's morning digest. Real tasks of seed 004 (Tiền Giang's plan 69/KH-UBND)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core import mail
from django.core.files.base import ContentFile

from tests.notify.conftest import morning
from theodoi.notify.models import Notice, NoticeKind
from theodoi.notify.services import (
    digest,
    overdue_notices,
    returned_notices,
    send,
)
from theodoi.plans.models import Task
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import UpdateContent, save_draft, submit_update
from theodoi.reporting.values import record_indicator_value

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HALFWAY = UpdateContent(status="in_progress", progress=50, results="Đang triển khai.")


def task(round_: ReportingRound, code: str) -> Task:
    return round_.plan.tasks.get(code=code)


def overdue_codes(day: datetime.date, user: User) -> set[str]:
    return {
        p.key.split(":")[1]
        for p in overdue_notices(day)
        if p.recipient == user and p.kind == NoticeKind.OVERDUE
    }


def test_tasks_due_in_2025_warn_their_lead_agency_and_no_one_else(
    round_: ReportingRound, reporter_mail: User, other_reporter_mail: User, coordinator: User
) -> None:
    warned = {
        Task.objects.get(pk=int(pk)).code
        for pk in overdue_codes(datetime.date(2026, 5, 26), reporter_mail)
    }

    # Sở KH&CN's own task of 2025, one of Sở TT&TT (folded into it) and one it leads with others.
    assert {"PL2.36", "PL2.29", "PL2.48"} <= warned
    # Due in 2026 and 2030: not yet.
    assert not {"PL2.31", "PL2.11"} & warned
    planned = overdue_notices(datetime.date(2026, 5, 26))
    assert all(p.recipient != coordinator for p in planned)
    assert all("PL2.36" not in p.subject for p in planned if p.recipient == other_reporter_mail)


def test_a_task_due_in_2026_warns_once_from_the_first_day_of_2027(
    round_: ReportingRound, reporter_mail: User
) -> None:
    pl231 = str(task(round_, "PL2.31").pk)
    assert pl231 not in overdue_codes(datetime.date(2026, 12, 31), reporter_mail)
    assert pl231 in overdue_codes(datetime.date(2027, 1, 1), reporter_mail)

    first = send(overdue_notices(datetime.date(2027, 1, 1)), now=morning(1, 1))
    again = send(overdue_notices(datetime.date(2027, 1, 2)), now=morning(2, 1))

    assert first > 0
    assert again == 0
    notice = Notice.objects.get(key__startswith=f"overdue:{pl231}:2026-12-31:{reporter_mail.pk}")
    assert notice.subject == "Nhiệm vụ PL2.31 đã quá hạn"
    assert "31/12/2026" in notice.body


def test_a_task_completed_on_time_with_evidence_is_not_overdue(
    round_: ReportingRound, reporter_mail: User, coordinator: User
) -> None:
    pl236 = task(round_, "PL2.36")
    attach_evidence(
        round_, pl236, ContentFile(PDF, name="qd.pdf"), by=reporter_mail, now=morning(20)
    )
    done = UpdateContent(
        status="done_on_time", progress=100, completed_on=datetime.date(2025, 12, 20)
    )
    update = submit_update(round_, pl236, done, by=reporter_mail, based_on=0, now=morning(20))
    accept_update(update, by=coordinator, now=morning(21))

    assert str(pl236.pk) not in overdue_codes(datetime.date(2026, 5, 26), reporter_mail)


def test_a_returned_update_tells_its_agency_the_reason_once(
    round_: ReportingRound, reporter_mail: User, other_reporter_mail: User, coordinator: User
) -> None:
    pl236 = task(round_, "PL2.36")
    update = submit_update(round_, pl236, HALFWAY, by=reporter_mail, based_on=0, now=morning(20))
    returned = return_update(
        update, by=coordinator, reason="Thiếu số liệu kết quả tập huấn.", now=morning(21)
    )
    later = morning(21) + datetime.timedelta(minutes=10)

    assert send(returned_notices(later, within=datetime.timedelta(days=2)), now=later) == 1
    assert send(returned_notices(later, within=datetime.timedelta(days=2)), now=later) == 0
    [message] = mail.outbox
    assert message.to == [reporter_mail.email]
    assert message.subject == "Báo cáo nhiệm vụ PL2.36 bị trả lại"
    assert "Lý do: Thiếu số liệu kết quả tập huấn." in message.body
    assert message.extra_headers["X-Theodoi-Event"] == (
        f"returned:update:{returned.pk}:{reporter_mail.pk}"
    )


def test_a_returned_update_saved_again_is_not_announced(
    round_: ReportingRound, reporter_mail: User, coordinator: User
) -> None:
    pl236 = task(round_, "PL2.36")
    update = submit_update(round_, pl236, HALFWAY, by=reporter_mail, based_on=0, now=morning(20))
    returned = return_update(update, by=coordinator, reason="Thiếu minh chứng.", now=morning(21))
    save_draft(round_, pl236, HALFWAY, by=reporter_mail, based_on=returned.version, now=morning(21))

    assert returned_notices(morning(22), within=datetime.timedelta(days=2)) == []


def test_a_returned_figure_is_announced_until_it_is_saved_again(
    round_: ReportingRound, reporter_mail: User, coordinator: User
) -> None:
    lineage = reporter_mail.memberships.get().organisation.lineage_ids()
    indicator = (
        round_.plan.indicators.filter(agencies__organisation_id__in=lineage, unit="%")
        .order_by("position")
        .first()
    )
    assert indicator is not None
    figure = {"value": 62.5, "measured_on": datetime.date(2026, 5, 10), "confirmed": True}
    value = record_indicator_value(
        round_, indicator, **figure, submit=True, by=reporter_mail, based_on=0, now=morning(20)
    )
    returned = return_update(value, by=coordinator, reason="Ghi rõ nguồn.", now=morning(21))
    [notice] = returned_notices(morning(22), within=datetime.timedelta(days=2))
    assert notice.key == f"returned:value:{returned.pk}:{reporter_mail.pk}"
    assert "Ghi rõ nguồn." in notice.body

    record_indicator_value(
        round_, indicator, **figure, by=reporter_mail, based_on=returned.version, now=morning(21)
    )
    assert returned_notices(morning(22), within=datetime.timedelta(days=2)) == []


def test_the_coordinator_digest_counts_yesterdays_updates_and_then_the_late_agencies(
    round_: ReportingRound,
    reporter_mail: User,
    other_reporter_mail: User,
    coordinator: User,
    leader: User,
) -> None:
    submit_update(
        round_, task(round_, "PL2.36"), HALFWAY, by=reporter_mail, based_on=0, now=morning(20)
    )

    [notice] = digest(datetime.date(2026, 5, 21))
    assert notice.recipient == coordinator
    assert notice.key == f"digest:2026-05-21:{coordinator.pk}"
    assert "- báo cáo gửi đến hôm qua: 1 (Sở Khoa học và Công nghệ)" in notice.body
    assert "- báo cáo chờ xem xét: 1" in notice.body
    assert "chưa báo cáo đúng hạn" not in notice.body

    [after] = digest(datetime.date(2026, 6, 2))
    assert "- báo cáo gửi đến hôm qua: 0" in after.body
    assert "Sở Y tế" in after.body.split("chưa báo cáo đúng hạn:")[1]

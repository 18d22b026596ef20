"""The pages of deadline extensions and of a round's changes, through Django's test client at
the real clock: what each person sees, what a form stores, and what a bad one says."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.builders import agency_of, lead_tasks, signed_in
from theodoi.plans.models import Plan, Task
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.extensions import decide_extension, request_extension
from theodoi.reporting.models import (
    AdHocRound,
    DeadlineExtension,
    ExtensionState,
    ReportingRound,
    RoundState,
)
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db

REASON = "Chờ hướng dẫn kỹ thuật của Bộ Khoa học và Công nghệ."


@pytest.fixture
def task(tien_giang_plan: Plan, reporter: User) -> Task:
    """A task the reporter's agency leads that falls due at the end of 2030."""
    return next(
        t
        for t in lead_tasks(tien_giang_plan, reporter)
        if (on := deadline_of(t).on) is not None and on.year == 2030
    )


def day(task: Task, days: int) -> datetime.date:
    on = deadline_of(task).on
    assert on is not None
    return on + datetime.timedelta(days=days)


def page_url(task: Task) -> str:
    return reverse("reporting:task_deadline", args=[task.pk])


def test_the_lead_agency_asks_for_an_extension_from_the_task_page(
    task: Task, reporter: User
) -> None:
    client = signed_in(reporter)
    page = client.get(page_url(task)).content.decode()
    assert "Đề nghị gia hạn" in page
    assert "31/12/2030" in page
    response = client.post(
        page_url(task), {"proposed_on": day(task, 90).isoformat(), "reason": REASON}
    )
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get(task=task)
    assert (extension.state, extension.proposed_on) == (ExtensionState.OPEN, day(task, 90))
    page = client.get(page_url(task)).content.decode()
    assert "đang chờ cơ quan đầu mối xử lý" in page
    assert "Gửi đề nghị" not in page


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            {"proposed_on": "2030-12-31", "reason": REASON},
            "phải sau thời hạn hiện hành là ngày 31/12/2030",
        ),
        ({"proposed_on": "2030-06-01", "reason": REASON}, "phải sau thời hạn hiện hành"),
        ({"proposed_on": "2031-03-31", "reason": ""}, "Nêu lý do đề nghị gia hạn."),
        ({"proposed_on": "", "reason": REASON}, "Nhập thời hạn đề nghị."),
        ({"proposed_on": "31/02/2031", "reason": REASON}, "Nhập một ngày hợp lệ."),
        ({"proposed_on": "2031-03-31", "reason": "x" * 2001}, "2000"),
    ],
)
def test_a_bad_request_says_what_is_wrong_and_stores_nothing(
    task: Task, reporter: User, data: dict[str, str], words: str
) -> None:
    response = signed_in(reporter).post(page_url(task), data)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not DeadlineExtension.objects.exists()


def test_a_second_request_while_one_is_open_is_refused(task: Task, reporter: User) -> None:
    request_extension(
        task, by=reporter, proposed_on=day(task, 30), reason=REASON, now=timezone.now()
    )
    response = signed_in(reporter).post(
        page_url(task), {"proposed_on": day(task, 60).isoformat(), "reason": REASON}
    )
    assert response.status_code == 400
    assert "Nhiệm vụ này đã có một đề nghị gia hạn đang chờ xử lý." in response.content.decode()
    assert DeadlineExtension.objects.count() == 1


def test_who_may_not_ask_is_refused(
    task: Task, other_reporter: User, coordinator: User, inspector: User, other_coordinator: User
) -> None:
    data = {"proposed_on": day(task, 90).isoformat(), "reason": REASON}
    assert signed_in(other_reporter).post(page_url(task), data).status_code == 404
    assert signed_in(other_coordinator).post(page_url(task), data).status_code == 404
    assert signed_in(coordinator).post(page_url(task), data).status_code == 403
    assert signed_in(inspector).post(page_url(task), data).status_code == 403
    forged = reverse("reporting:task_deadline", args=[999_999])
    assert signed_in(other_reporter).post(forged, data).status_code == 404
    assert not DeadlineExtension.objects.exists()


def test_the_coordinator_grants_another_day_and_every_page_shows_both_deadlines(
    task: Task, reporter: User, coordinator: User, live_round: ReportingRound
) -> None:
    extension = request_extension(
        task, by=reporter, proposed_on=day(task, 90), reason=REASON, now=timezone.now()
    )
    client = signed_in(coordinator)
    page = client.get(page_url(task)).content.decode()
    assert "Xử lý đề nghị" in page
    assert REASON in page
    response = client.post(
        reverse("reporting:extension_decide", args=[extension.pk]),
        {"decision": "grant", "granted_on": "2031-02-28", "comment": "Đồng ý."},
    )
    assert response.status_code == 302
    page = client.get(page_url(task)).content.decode()
    assert "Thời hạn ban đầu" in page
    assert "31/12/2030" in page
    assert "28/02/2031" in page
    assert "đã gia hạn" in page
    # The agency's worklist, the plan page and the portal show the two days.
    worklist = signed_in(reporter).get(reverse("reporting:agency", args=[live_round.pk]))
    text = worklist.content.decode()
    assert "đến ngày 28/02/2031" in text
    assert "hạn ban đầu 31/12/2030" in text
    plan_page = client.get(reverse("workspace:plan_detail", args=[task.plan_id])).content.decode()
    assert "hạn ban đầu 31/12/2030" in plan_page
    rebuild_snapshot(task.plan, as_of=timezone.localdate(), now=timezone.now())
    portal = client.get(reverse("portal:plan_detail", args=[task.plan_id])).content.decode()
    assert "đến ngày 28/02/2031 (hạn ban đầu 31/12/2030)" in portal
    listed = client.get(reverse("dashboard:task_list"), {"ke_hoach": task.plan_id, "loai": "all"})
    assert "đến ngày 28/02/2031 (hạn ban đầu 31/12/2030)" in listed.content.decode()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"decision": "grant", "granted_on": "2030-12-31"}, "phải sau thời hạn hiện hành"),
        ({"decision": "refuse", "comment": ""}, "Nêu lý do không chấp thuận gia hạn."),
        ({"decision": "maybe"}, "Hãy chọn"),
    ],
)
def test_a_bad_decision_says_what_is_wrong_and_leaves_the_request_open(
    task: Task, reporter: User, coordinator: User, data: dict[str, str], words: str
) -> None:
    extension = request_extension(
        task, by=reporter, proposed_on=day(task, 90), reason=REASON, now=timezone.now()
    )
    response = signed_in(coordinator).post(
        reverse("reporting:extension_decide", args=[extension.pk]), data
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    extension.refresh_from_db()
    assert extension.state == ExtensionState.OPEN


def test_another_province_s_coordinator_or_a_forged_id_gets_404(
    task: Task, reporter: User, other_coordinator: User, coordinator: User, inspector: User
) -> None:
    extension = request_extension(
        task, by=reporter, proposed_on=day(task, 90), reason=REASON, now=timezone.now()
    )
    url = reverse("reporting:extension_decide", args=[extension.pk])
    assert signed_in(other_coordinator).post(url, {"decision": "grant"}).status_code == 404
    assert signed_in(inspector).post(url, {"decision": "grant"}).status_code == 403
    forged = reverse("reporting:extension_decide", args=[extension.pk + 1000])
    assert signed_in(coordinator).post(forged, {"decision": "grant"}).status_code == 404
    extension.refresh_from_db()
    assert extension.state == ExtensionState.OPEN


def test_the_list_shows_requests_within_what_each_person_reads(
    task: Task, reporter: User, other_reporter: User, coordinator: User, other_coordinator: User
) -> None:
    extension = request_extension(
        task, by=reporter, proposed_on=day(task, 90), reason=REASON, now=timezone.now()
    )
    url = reverse("reporting:extension_list")
    for person in (coordinator, reporter):
        assert task.code in signed_in(person).get(url).content.decode()
    for person in (other_coordinator, other_reporter):
        page = signed_in(person).get(url).content.decode()
        assert REASON[:30] not in page
        assert "Không có đề nghị nào đang chờ xử lý." in page
    decide_extension(extension, by=coordinator, grant=False, comment="Không.", now=timezone.now())
    assert "không chấp thuận" in signed_in(reporter).get(url).content.decode()


# --- a round's changes -------------------------------------------------------------------


def manage_url(round_: ReportingRound, name: str = "round_manage") -> str:
    return reverse(f"reporting:{name}", args=[round_.pk])


def test_the_coordinator_extends_a_round_from_its_page(
    live_round: ReportingRound, coordinator: User
) -> None:
    client = signed_in(coordinator)
    assert "Gia hạn kỳ báo cáo" in client.get(manage_url(live_round)).content.decode()
    later = timezone.localdate(live_round.deadline) + datetime.timedelta(days=10)
    response = client.post(manage_url(live_round, "round_extend"), {"deadline": later.isoformat()})
    assert response.status_code == 302
    live_round.refresh_from_db()
    assert timezone.localdate(live_round.deadline) == later
    page = client.get(manage_url(live_round)).content.decode()
    assert "Các lần thay đổi hạn báo cáo" in page


def test_an_extension_to_an_earlier_day_says_so_and_changes_nothing(
    live_round: ReportingRound, coordinator: User
) -> None:
    before = live_round.deadline
    earlier = timezone.localdate(before) - datetime.timedelta(days=2)
    response = signed_in(coordinator).post(
        manage_url(live_round, "round_extend"), {"deadline": earlier.isoformat()}
    )
    assert response.status_code == 400
    assert "phải sau hạn hiện tại" in response.content.decode()
    live_round.refresh_from_db()
    assert live_round.deadline == before


def test_dates_that_close_the_round_before_it_opens_are_refused_on_the_page(
    live_round: ReportingRound, coordinator: User
) -> None:
    opens = timezone.localdate(live_round.deadline) + datetime.timedelta(days=5)
    response = signed_in(coordinator).post(
        manage_url(live_round),
        {
            "title": live_round.title,
            "period_start": opens.isoformat(),
            "period_end": (opens + datetime.timedelta(days=30)).isoformat(),
            "cut_off": opens.isoformat(),
            "reminder_days": "7, 3, 1",
        },
    )
    assert response.status_code == 400
    assert "trước khi mở vào ngày" in response.content.decode()
    live_round.refresh_from_db()
    assert live_round.period_start != opens


def test_locking_early_then_reopening_for_chosen_agencies(
    live_round: ReportingRound, coordinator: User, reporter: User
) -> None:
    client = signed_in(coordinator)
    assert client.post(manage_url(live_round, "round_lock")).status_code == 302
    live_round.refresh_from_db()
    assert live_round.state == RoundState.LOCKED
    page = client.get(manage_url(live_round)).content.decode()
    assert "Mở lại kỳ báo cáo cho các đơn vị được chọn" in page
    agency = agency_of(reporter)
    until = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        manage_url(live_round, "round_reopen_agencies"),
        {"organisations": [str(agency.pk)], "until": until.isoformat()},
    )
    assert response.status_code == 302
    assert live_round.reopenings.get().organisation == agency
    response = client.post(
        manage_url(live_round, "round_reopen_agencies"), {"until": until.isoformat()}
    )
    assert response.status_code == 400
    assert "Chọn ít nhất một đơn vị" in response.content.decode()


def test_an_ad_hoc_round_is_opened_for_chosen_tasks_and_refused_without_any(
    tien_giang_plan: Plan, coordinator: User, task: Task
) -> None:
    client = signed_in(coordinator)
    url = reverse("reporting:round_ad_hoc", args=[tien_giang_plan.pk])
    page = client.get(url).content.decode()
    assert "Mở kỳ báo cáo đột xuất" in page
    deadline = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    data = {"title": "Báo cáo đột xuất", "reason": "Yêu cầu của Tỉnh ủy.", "deadline": deadline}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Chọn ít nhất một nhiệm vụ" in response.content.decode()
    assert not AdHocRound.objects.exists()
    response = client.post(url, {**data, "tasks": [str(task.pk)]})
    assert response.status_code == 302
    assert list(AdHocRound.objects.get().tasks.all()) == [task]


def test_round_pages_of_another_province_are_404_and_read_only_roles_403(
    live_round: ReportingRound, other_coordinator: User, inspector: User, leader: User
) -> None:
    assert signed_in(other_coordinator).get(manage_url(live_round)).status_code == 404
    later = (timezone.localdate(live_round.deadline) + datetime.timedelta(days=9)).isoformat()
    for person, status in ((other_coordinator, 404), (inspector, 403), (leader, 403)):
        response = signed_in(person).post(
            manage_url(live_round, "round_extend"), {"deadline": later}
        )
        assert response.status_code == status
    before = live_round.deadline
    live_round.refresh_from_db()
    assert live_round.deadline == before

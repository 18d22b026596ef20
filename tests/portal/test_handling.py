"""The feedback inbox: the public's feedback and the agencies' difficulties and proposals are
routed to an agency of the plan, answered by it, and published by the coordinator as a
question and answer on the plan's portal page, never with the sender's name or contact."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.builders import NOW, agency_of, lead_tasks, org
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.limits.counters import source_of
from theodoi.plans.models import Plan
from theodoi.portal.errors import FeedbackError
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.handling import (
    answer_feedback,
    publish_feedback,
    route_feedback,
    take_in_remarks,
    visible_feedback,
)
from theodoi.portal.models import Feedback, FeedbackKind, FeedbackState
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import TaskUpdate

QUESTION = "Khi nào tỉnh công khai danh sách dịch vụ công trực tuyến toàn trình?"
ANSWER = "Danh sách được công khai trên Cổng dịch vụ công của tỉnh từ tháng 12/2026."
NAME = "Nguyễn Thị Lan"
CONTACT = "lan.nguyen@example.vn"
DUE = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def vietnamese() -> None:
    translation.activate("vi")


@pytest.fixture
def citizen_feedback(tien_giang_plan: Plan) -> Feedback:
    return submit_feedback(
        kind="kien_nghi",
        message=f"{QUESTION} Liên hệ {CONTACT}.",
        plan=tien_giang_plan,
        name=NAME,
        contact=CONTACT,
        source=source_of("203.0.113.9"),
        now=NOW,
    )


def routed(item: Feedback, coordinator: User, reporter: User) -> Feedback:
    return route_feedback(item, agency=agency_of(reporter), due=DUE, by=coordinator, now=NOW)


def test_feedback_goes_from_new_to_published_each_step_audited(
    citizen_feedback: Feedback, coordinator: User, reporter: User
) -> None:
    assert citizen_feedback.state == FeedbackState.NEW

    item = routed(citizen_feedback, coordinator, reporter)
    assert item.state == FeedbackState.IN_PROGRESS
    assert (item.agency, item.answer_due) == (agency_of(reporter), DUE)
    assert list(visible_feedback(reporter)) == [item]

    item = answer_feedback(item, text=ANSWER, by=reporter, now=NOW)
    assert item.state == FeedbackState.ANSWERED

    item = publish_feedback(item, question=QUESTION, by=coordinator, now=NOW)
    assert item.state == FeedbackState.PUBLISHED
    assert item.public_question == QUESTION
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == [
        Action.FEEDBACK_ROUTED,
        Action.FEEDBACK_ANSWERED,
        Action.FEEDBACK_PUBLISHED,
    ]


@pytest.mark.parametrize(
    ("agency", "due", "message"),
    [
        ("dong-thap--so-khoa-hoc-cong-nghe", datetime.date(2026, 11, 21), "ngày 21/11/2026 đã qua"),
        ("quang-ngai--so-khoa-hoc-cong-nghe", DUE, "không thực hiện nhiệm vụ hay chỉ tiêu"),
    ],
)
def test_routing_to_a_past_day_or_an_agency_out_of_scope_is_refused(
    citizen_feedback: Feedback, coordinator: User, agency: str, due: datetime.date, message: str
) -> None:
    with pytest.raises(FeedbackError, match=message):
        route_feedback(citizen_feedback, agency=org(agency), due=due, by=coordinator, now=NOW)

    citizen_feedback.refresh_from_db()
    assert citizen_feedback.state == FeedbackState.NEW
    assert citizen_feedback.agency is None
    assert not AuditEntry.objects.filter(action=Action.FEEDBACK_ROUTED).exists()


def test_only_the_coordinator_of_the_scope_routes_and_publishes(
    citizen_feedback: Feedback,
    leader: User,
    inspector: User,
    other_coordinator: User,
    reporter: User,
) -> None:
    for person in (leader, inspector, other_coordinator, reporter):
        with pytest.raises(FeedbackError, match="Chỉ cơ quan đầu mối"):
            routed(citizen_feedback, person, reporter)
    citizen_feedback.refresh_from_db()
    assert citizen_feedback.state == FeedbackState.NEW


def test_an_empty_answer_or_one_from_another_agency_is_refused(
    citizen_feedback: Feedback, coordinator: User, reporter: User, other_reporter: User
) -> None:
    item = routed(citizen_feedback, coordinator, reporter)

    with pytest.raises(FeedbackError, match="Câu trả lời: chưa có nội dung"):
        answer_feedback(item, text="   ", by=reporter, now=NOW)
    with pytest.raises(FeedbackError, match="Chỉ người báo cáo của cơ quan được chuyển"):
        answer_feedback(item, text=ANSWER, by=other_reporter, now=NOW)

    item.refresh_from_db()
    assert (item.state, item.answer) == (FeedbackState.IN_PROGRESS, "")


def test_an_unanswered_item_cannot_be_published(
    citizen_feedback: Feedback, coordinator: User, reporter: User
) -> None:
    with pytest.raises(FeedbackError, match="chỉ mục đã được trả lời mới được công khai"):
        publish_feedback(citizen_feedback, question=QUESTION, by=coordinator, now=NOW)
    item = routed(citizen_feedback, coordinator, reporter)
    with pytest.raises(FeedbackError, match="chỉ mục đã được trả lời"):
        publish_feedback(item, question=QUESTION, by=coordinator, now=NOW)
    item.refresh_from_db()
    assert item.state == FeedbackState.IN_PROGRESS
    assert item.published_at is None


def test_a_question_still_holding_the_sender_s_contact_is_not_published(
    citizen_feedback: Feedback, coordinator: User, reporter: User
) -> None:
    item = routed(citizen_feedback, coordinator, reporter)
    item = answer_feedback(item, text=ANSWER, by=reporter, now=NOW)

    # The message as sent holds the e-mail address: published as it is, it is refused.
    with pytest.raises(FeedbackError, match="còn chứa họ tên, thư điện tử"):
        publish_feedback(item, question=item.message, by=coordinator, now=NOW)
    with pytest.raises(FeedbackError, match="còn chứa"):
        publish_feedback(item, question=f"Chị {NAME} hỏi: {QUESTION}", by=coordinator, now=NOW)

    item.refresh_from_db()
    assert item.state == FeedbackState.ANSWERED


def test_the_portal_shows_only_published_questions_and_never_the_sender(
    citizen_feedback: Feedback, tien_giang_plan: Plan, coordinator: User, reporter: User
) -> None:
    other = submit_feedback(
        kind="phan_anh",
        message="Trang thông tin của xã chậm cập nhật.",
        plan=tien_giang_plan,
        name="Trần Văn B",
        contact="0909123456",
        source=source_of("203.0.113.10"),
        now=NOW,
    )
    routed(other, coordinator, reporter)
    page = reverse("portal:plan_detail", args=[tien_giang_plan.pk])
    before = Client().get(page).content.decode()
    assert "Chưa có câu hỏi nào về kế hoạch này được trả lời công khai." in before

    item = answer_feedback(
        routed(citizen_feedback, coordinator, reporter), text=ANSWER, by=reporter, now=NOW
    )
    publish_feedback(item, question=QUESTION, by=coordinator, now=NOW)

    # The page was cached before: publishing is a new key, so the answer shows at once.
    after = Client().get(page).content.decode()
    assert QUESTION in after
    assert ANSWER in after
    for private in (NAME, CONTACT, "Trần Văn B", "0909123456", "chậm cập nhật"):
        assert private not in after


def test_difficulties_and_proposals_of_accepted_updates_are_taken_in_once(
    tien_giang_plan: Plan,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    task, other_task = lead_tasks(tien_giang_plan, reporter)[:2]
    content = UpdateContent(
        "in_progress",
        40,
        difficulties="Thiếu nhân lực chuyên trách.",
        proposals="Bổ sung kinh phí 2027.",
    )
    report_task(task, content)
    report_task(other_task, UpdateContent("in_progress", 10), accept=False)

    taken = take_in_remarks(tien_giang_plan, now=NOW)
    again = take_in_remarks(tien_giang_plan, now=NOW)

    assert sorted((f.kind, f.message) for f in taken) == [
        (FeedbackKind.PROPOSAL, "Bổ sung kinh phí 2027."),
        (FeedbackKind.DIFFICULTY, "Thiếu nhân lực chuyên trách."),
    ]
    assert again == []
    assert all(f.state == FeedbackState.NEW and f.name == "" for f in taken)
    assert list(visible_feedback(coordinator).filter(task_update__isnull=False)) != []
    assert AuditEntry.objects.filter(action=Action.FEEDBACK_TAKEN_IN).count() == 2


def test_accepting_an_update_takes_its_remarks_in_after_commit(
    tien_giang_plan: Plan,
    reporter: User,
    report_task: Callable[..., TaskUpdate],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    task = lead_tasks(tien_giang_plan, reporter)[0]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        report_task(task, UpdateContent("in_progress", 30, difficulties="Thiếu máy chủ."))

    assert Feedback.objects.filter(kind=FeedbackKind.DIFFICULTY, message="Thiếu máy chủ.").exists()


def test_the_public_form_offers_only_the_public_kinds(orgs: None) -> None:
    with pytest.raises(FeedbackError):
        submit_feedback(
            kind="kho_khan",
            message="Giả làm cơ quan.",
            plan=None,
            name="",
            contact="",
            source=source_of("203.0.113.11"),
            now=NOW,
        )
    assert Feedback.objects.count() == 0

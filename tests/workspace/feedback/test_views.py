"""The inbox's pages: the coordinator lists by state, sends an item to an agency, publishes
its answer; the agency answers in the workspace. A bad form says what is wrong in Vietnamese
and changes nothing; another province's coordinator does not learn that an item exists."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.builders import agency_of, org, signed_in
from theodoi.limits.counters import source_of
from theodoi.plans.models import Plan
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.models import Feedback, FeedbackState

MESSAGE = "Đề nghị tỉnh công bố lịch triển khai wifi miễn phí tại các xã."
NAME, CONTACT = "Phạm Minh D", "0987654321"


@pytest.fixture
def item(tien_giang_plan: Plan) -> Feedback:
    return submit_feedback(
        kind="kien_nghi",
        message=MESSAGE,
        plan=tien_giang_plan,
        name=NAME,
        contact=CONTACT,
        source=source_of("203.0.113.20"),
        now=timezone.now(),
    )


def later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_the_coordinator_sees_the_new_item_with_its_sender_and_sends_it(
    item: Feedback, coordinator: User, reporter: User
) -> None:
    client = signed_in(coordinator)
    inbox = client.get(reverse("feedback:inbox"), {"trang_thai": "moi"}).content.decode()
    assert "Mới (1)" in inbox
    assert MESSAGE[:30] in inbox

    page = client.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert NAME in page
    assert CONTACT in page
    assert agency_of(reporter).name in page  # offered among the plan's agencies

    response = client.post(
        reverse("feedback:route", args=[item.pk]),
        {"agency": agency_of(reporter).pk, "due": later(10)},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.agency) == (FeedbackState.IN_PROGRESS, agency_of(reporter))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agency": "quang-ngai--so-khoa-hoc-cong-nghe", "due": 10}, "không thực hiện nhiệm vụ"),
        ({"agency": "dong-thap--so-khoa-hoc-cong-nghe", "due": -1}, "đã qua"),
        ({"agency": "999999", "due": 10}, "Cơ quan: không có cơ quan này."),
        ({"agency": "", "due": 10}, "Cơ quan: hãy chọn cơ quan trả lời."),
        ({"agency": "dong-thap--so-khoa-hoc-cong-nghe", "due": None}, "Hạn trả lời: hãy chọn"),
    ],
)
def test_a_bad_routing_is_refused_in_vietnamese_and_nothing_changes(
    item: Feedback, coordinator: User, data: dict[str, object], message: str
) -> None:
    agency = str(data["agency"])
    due = data["due"]
    form = {
        "agency": str(org(agency).pk) if "--" in agency else agency,
        "due": later(int(due)) if isinstance(due, int) else "",
    }

    response = signed_in(coordinator).post(reverse("feedback:route", args=[item.pk]), form)

    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert (item.state, item.agency_id) == (FeedbackState.NEW, None)


def test_the_agency_answers_and_the_coordinator_publishes(
    item: Feedback, coordinator: User, reporter: User
) -> None:
    coordinating = signed_in(coordinator)
    coordinating.post(
        reverse("feedback:route", args=[item.pk]),
        {"agency": agency_of(reporter).pk, "due": later(5)},
    )
    answering = signed_in(reporter)
    page = answering.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert MESSAGE in page
    # The agency never sees who sent it.
    assert CONTACT not in page
    assert NAME not in page

    empty = answering.post(reverse("feedback:answer", args=[item.pk]), {"answer": "  "})
    assert empty.status_code == 400
    assert "Câu trả lời: chưa có nội dung" in empty.content.decode()
    answering.post(reverse("feedback:answer", args=[item.pk]), {"answer": "Từ quý I/2027."})

    publish = reverse("feedback:publish", args=[item.pk])
    refused = coordinating.post(publish, {"question": f"{NAME} hỏi: {MESSAGE}"})
    assert refused.status_code == 400
    assert "còn chứa họ tên" in refused.content.decode()
    assert coordinating.post(publish, {"question": MESSAGE}).status_code == 302
    item.refresh_from_db()
    assert item.state == FeedbackState.PUBLISHED

    portal = signed_in(reporter).get(reverse("portal:plan_detail", args=[item.plan_id]))
    assert "Từ quý I/2027." in portal.content.decode()


def test_publishing_an_unanswered_item_is_refused_on_the_page(
    item: Feedback, coordinator: User
) -> None:
    response = signed_in(coordinator).post(
        reverse("feedback:publish", args=[item.pk]), {"question": MESSAGE}
    )
    assert response.status_code == 400
    assert "chỉ mục đã được trả lời mới được công khai" in response.content.decode()


def test_another_province_and_an_unknown_id_get_404_and_an_inspector_reads_only(
    item: Feedback, other_coordinator: User, inspector: User, coordinator: User
) -> None:
    detail = reverse("feedback:detail", args=[item.pk])
    assert signed_in(other_coordinator).get(detail).status_code == 404
    assert (
        MESSAGE not in signed_in(other_coordinator).get(reverse("feedback:inbox")).content.decode()
    )
    assert signed_in(coordinator).get(reverse("feedback:detail", args=[987654])).status_code == 404
    reading = signed_in(inspector)
    page = reading.get(detail).content.decode()
    assert MESSAGE in page
    assert "Chuyển cơ quan xử lý" not in page
    routed = reading.post(
        reverse("feedback:route", args=[item.pk]), {"agency": "1", "due": later(3)}
    )
    assert routed.status_code == 403


def test_an_unknown_state_in_the_address_is_named(item: Feedback, coordinator: User) -> None:
    page = signed_in(coordinator).get(reverse("feedback:inbox"), {"trang_thai": "xyz"})
    assert "“xyz” không phải một trạng thái" in page.content.decode()
    assert MESSAGE[:30] in page.content.decode()


def test_the_inbox_shows_fifty_items_a_page(tien_giang_plan: Plan, coordinator: User) -> None:
    Feedback.objects.bulk_create(
        Feedback(
            kind="kien_nghi",
            plan=tien_giang_plan,
            message=f"Góp ý số {n:02d}",
            source="bulk",
            received_at=timezone.now() - datetime.timedelta(minutes=n),
        )
        for n in range(51)
    )
    client = signed_in(coordinator)

    first = client.get(reverse("feedback:inbox")).content.decode()
    second = client.get(reverse("feedback:inbox"), {"trang": "2"}).content.decode()
    wrong = client.get(reverse("feedback:inbox"), {"trang": "abc"}).content.decode()

    assert "Góp ý số 00" in first
    assert "Góp ý số 50" not in first
    assert "trang 1/2" in first
    assert "Góp ý số 50" in second
    assert "Góp ý số 00" in wrong

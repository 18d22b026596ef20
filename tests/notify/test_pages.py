"""The notices list with its unread count in the header, marking read, and the e-mail
settings page, as a reporter uses them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.builders import NOW, signed_in
from theodoi.notify.models import Notice, NoticeKind, NoticePreference
from theodoi.notify.services import PlannedNotice, record_notices


@pytest.fixture
def notify() -> Callable[..., Notice]:
    def make(user: User, key: str, subject: str, link: str = "") -> Notice:
        record_notices(
            [
                PlannedNotice(
                    key, user, NoticeKind.RETURNED, subject, "Lý do: thiếu minh chứng.", link
                )
            ],
            now=NOW,
        )
        return Notice.objects.get(key=key)

    return make


def test_a_reporter_sees_her_notices_and_the_unread_count_in_the_header(
    reporter: User, other_reporter: User, notify: Callable[..., Notice]
) -> None:
    notify(reporter, "returned:update:1:r", "Báo cáo nhiệm vụ PL2.4 bị trả lại")
    notify(reporter, "returned:update:2:r", "Báo cáo nhiệm vụ PL2.7 bị trả lại")
    notify(other_reporter, "returned:update:3:o", "Báo cáo nhiệm vụ 15 bị trả lại")

    page = signed_in(reporter).get(reverse("notify:notice_list")).content.decode()

    assert "Báo cáo nhiệm vụ PL2.4 bị trả lại" in page
    assert "Báo cáo nhiệm vụ PL2.7 bị trả lại" in page
    assert "Báo cáo nhiệm vụ 15" not in page
    assert 'data-testid="unread-notices" aria-label="2 chưa đọc">2</span>' in page
    assert "Thông báo" in page


def test_opening_a_notice_marks_it_read_and_leads_to_its_page(
    reporter: User, notify: Callable[..., Notice]
) -> None:
    notice = notify(reporter, "returned:update:1:r", "Bị trả lại", link="/ke-hoach/1/")
    client = signed_in(reporter)

    response = client.post(reverse("notify:notice_read", args=[notice.pk]))

    assert response.status_code == 302
    assert response.url == "/ke-hoach/1/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert (
        'data-testid="unread-notices"'
        not in client.get(reverse("notify:notice_list")).content.decode()
    )


def test_someone_elses_notice_is_not_found_and_stays_unread(
    reporter: User, other_reporter: User, notify: Callable[..., Notice]
) -> None:
    notice = notify(other_reporter, "returned:update:3:o", "Bị trả lại")

    response = signed_in(reporter).post(reverse("notify:notice_read", args=[notice.pk]))

    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_as_read_clears_the_count(reporter: User, notify: Callable[..., Notice]) -> None:
    notify(reporter, "a", "Một")
    notify(reporter, "b", "Hai")

    response = signed_in(reporter).post(reverse("notify:notice_read_all"), follow=True)

    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert not Notice.objects.filter(recipient=reporter, read_at=None).exists()


def test_a_reporter_chooses_which_notices_come_by_email(reporter: User) -> None:
    client = signed_in(reporter)
    url = reverse("notify:preferences")

    response = client.post(url, {"email": [NoticeKind.RETURNED, NoticeKind.OVERDUE]}, follow=True)

    assert "Đã lưu lựa chọn của bạn." in response.content.decode()
    chosen = dict(NoticePreference.objects.filter(user=reporter).values_list("kind", "email"))
    assert chosen == {
        "reminder": False,
        "overdue": True,
        "returned": True,
        "digest": False,
        "round": False,
    }
    page = client.get(url).content.decode()
    assert 'value="returned" checked' in page
    assert 'value="reminder">' in page


def test_an_unknown_kind_of_notice_is_refused_in_vietnamese_and_nothing_is_saved(
    reporter: User,
) -> None:
    response = signed_in(reporter).post(reverse("notify:preferences"), {"email": ["sms"]})

    assert response.status_code == 200
    assert "Loại thông báo không hợp lệ: sms." in response.content.decode()
    assert not NoticePreference.objects.filter(user=reporter).exists()


def test_the_page_warns_a_person_without_an_email_address(reporter: User) -> None:
    page = signed_in(reporter).get(reverse("notify:preferences")).content.decode()
    assert "Tài khoản của bạn chưa có địa chỉ thư điện tử" in page

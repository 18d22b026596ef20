"""Feedback from the public: stored for the coordinating agency, checked, limited per sender,
protected against cross-site posting."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from theodoi.audit.models import AuditEntry
from theodoi.portal.errors import FeedbackError
from theodoi.portal.feedback import PER_HOUR, source_of, submit_feedback
from theodoi.portal.models import Feedback

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
IDEA = "Đề nghị công khai tiến độ dự án trung tâm dữ liệu của tỉnh theo từng quý."


def send(**changes: object) -> Feedback:
    fields: dict[str, object] = {
        "kind": "kien_nghi",
        "message": IDEA,
        "plan": None,
        "name": "",
        "contact": "",
        "source": source_of("203.0.113.7"),
        "now": NOW,
    }
    return submit_feedback(**{**fields, **changes})  # type: ignore[arg-type]


def test_feedback_sent_from_the_form_is_stored_with_an_audit_entry(orgs: None) -> None:
    response = Client().post(
        reverse("portal:feedback"), {"kind": "sang_kien", "message": IDEA, "name": "Nguyễn Văn A"}
    )
    assert 'data-testid="sent"' in response.content.decode()
    stored = Feedback.objects.get()
    assert (stored.kind, stored.message, stored.name) == ("sang_kien", IDEA, "Nguyễn Văn A")
    assert "127.0.0.1" not in stored.source  # the address is kept only as a keyed hash
    assert AuditEntry.objects.filter(action="portal.feedback.received").count() == 1


def test_an_empty_message_is_refused_naming_the_field(orgs: None) -> None:
    html = Client().post(reverse("portal:feedback"), {"kind": "phan_anh", "message": "  "})
    assert "Nội dung" in html.content.decode()
    assert Feedback.objects.count() == 0
    with pytest.raises(FeedbackError, match="Nội dung"):
        send(message="   ")


def test_one_sender_may_send_only_a_few_messages_an_hour(orgs: None) -> None:
    for minute in range(PER_HOUR):
        send(now=NOW + datetime.timedelta(minutes=minute))
    with pytest.raises(FeedbackError, match="thử lại sau"):
        send(now=NOW + datetime.timedelta(minutes=30))
    send(now=NOW + datetime.timedelta(minutes=30), source=source_of("198.51.100.1"))
    send(now=NOW + datetime.timedelta(hours=2))
    assert Feedback.objects.count() == PER_HOUR + 2


def test_a_post_without_the_csrf_token_is_refused(orgs: None) -> None:
    response = Client(enforce_csrf_checks=True).post(
        reverse("portal:feedback"), {"kind": "kien_nghi", "message": IDEA}
    )
    assert response.status_code == 403
    assert Feedback.objects.count() == 0

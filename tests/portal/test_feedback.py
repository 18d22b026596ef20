"""Feedback from the public: stored for the coordinating agency, checked, limited per sender,
protected against cross-site posting."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from theodoi.audit.models import AuditEntry
from theodoi.limits.counters import source_of
from theodoi.portal.errors import FeedbackError
from theodoi.portal.feedback import PER_HOUR, submit_feedback
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


def post_via_proxy(client_ip: str, forwarded: str | None = None) -> str:
    """A message as the README's nginx on this machine passes it on: from 127.0.0.1, with the
    sender's address appended to any X-Forwarded-For the sender wrote."""
    chain = f"{forwarded}, {client_ip}" if forwarded else client_ip
    response = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=chain).post(
        reverse("portal:feedback"), {"kind": "kien_nghi", "message": IDEA}
    )
    return response.content.decode()


def test_behind_the_proxy_each_sender_has_its_own_limit(orgs: None) -> None:
    for _ in range(PER_HOUR):
        assert 'data-testid="sent"' in post_via_proxy("203.0.113.7")
    assert "thử lại sau" in post_via_proxy("203.0.113.7")
    # Writing another address in X-Forwarded-For does not make a new sender...
    assert "thử lại sau" in post_via_proxy("203.0.113.7", forwarded="198.51.100.99")
    # ...and somebody else behind the same proxy is not refused for the first one's messages.
    assert 'data-testid="sent"' in post_via_proxy("198.51.100.1")
    assert Feedback.objects.count() == PER_HOUR + 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_a_burst_of_parallel_messages_from_one_sender_stores_no_more_than_the_limit(
    orgs: None,
) -> None:
    senders = 12
    start = threading.Barrier(senders)
    outcomes: list[str] = []

    def one() -> None:
        try:
            start.wait(10)
            send()
            outcomes.append("sent")
        except FeedbackError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Feedback.objects.count() == PER_HOUR
    assert sorted(outcomes) == ["refused"] * (senders - PER_HOUR) + ["sent"] * PER_HOUR

"""A person changes their own password and resets a forgotten one through a link sent by
e-mail (Django's mail layer), every message in Vietnamese, each change in the audit log."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from theodoi.audit.models import AuditEntry
from theodoi.workspace.views.accounts import RESETS_PER_HOUR

PASSWORD = "mật-khẩu-thử-nghiệm-1"  # the persona builder's, in tests/conftest.py
NEW = "Sở-KHCN-Đồng-Tháp-2026"


def logs_in(username: str, password: str) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_a_person_changes_their_password_and_is_told_in_vietnamese_what_is_wrong(
    client: Client, reporter: User
) -> None:
    client.force_login(reporter)
    url = reverse("password_change")
    page = client.get(url).content.decode()
    assert "Đổi mật khẩu" in page
    assert "Mật khẩu cũ" in page
    wrong = client.post(url, {"old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    assert "Mật khẩu cũ không chính xác" in wrong.content.decode()
    short = client.post(
        url, {"old_password": PASSWORD, "new_password1": "Ab-1", "new_password2": "Ab-1"}
    ).content.decode()
    assert "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự." in short
    assert "This password" not in short
    done = client.post(
        url, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert 'data-testid="password-changed"' in done.content.decode()
    assert logs_in("sokhcn", NEW)
    assert not logs_in("sokhcn", PASSWORD)
    entry = AuditEntry.objects.get(action="accounts.password.changed")
    assert entry.by == reporter
    assert entry.before is None
    assert entry.after is None


def test_a_forgotten_password_is_reset_through_a_link_sent_by_email_once(
    client: Client, reporter: User
) -> None:
    reporter.email = "sokhcn@dongthap.gov.vn"
    reporter.save(update_fields=["email"])
    response = client.post(reverse("password_reset"), {"email": "sokhcn@dongthap.gov.vn"})
    assert response.status_code == 302
    assert 'data-testid="reset-sent"' in client.get(response.url).content.decode()
    (message,) = mail.outbox
    assert message.to == ["sokhcn@dongthap.gov.vn"]
    assert message.subject == "theodoi: đặt lại mật khẩu"
    assert "Để đặt mật khẩu mới, hãy mở liên kết sau" in message.body
    link = re.search(r"https?://[^/]+(/dat-lai-mat-khau/\S+/)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in form.content.decode()
    saved = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert 'data-testid="reset-complete"' in saved.content.decode()
    assert logs_in("sokhcn", NEW)
    assert AuditEntry.objects.filter(action="accounts.password.reset", by=reporter).count() == 1
    # The link works once.
    again = Client().get(link.group(1), follow=True).content.decode()
    assert 'data-testid="reset-invalid"' in again


@pytest.mark.django_db
def test_an_unknown_address_is_answered_alike_and_gets_no_mail(client: Client) -> None:
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_one_sender_may_ask_for_only_a_few_reset_emails_an_hour(
    client: Client, reporter: User
) -> None:
    reporter.email = "sokhcn@dongthap.gov.vn"
    reporter.save(update_fields=["email"])
    for _ in range(RESETS_PER_HOUR):
        client.post(reverse("password_reset"), {"email": "sokhcn@dongthap.gov.vn"})
    refused = client.post(reverse("password_reset"), {"email": "sokhcn@dongthap.gov.vn"})
    assert "quá nhiều lần" in refused.content.decode()
    assert len(mail.outbox) == RESETS_PER_HOUR


@pytest.mark.usefixtures("reporter")
def test_the_login_page_leads_to_the_reset_page(client: Client) -> None:
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page
    assert "Quên mật khẩu?" in page

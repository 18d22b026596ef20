"""Changes made in the Django admin by IT staff are in the audit log with the data before and
after, people are deactivated rather than deleted, and a plan with reports cannot be deleted.
Each change is made through the admin's own pages, as a person does."""

from __future__ import annotations

import datetime
from typing import Any

import lxml.html
import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models import ProtectedError
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.builders import NOW
from theodoi.audit.admin import AuditedAdmin
from theodoi.audit.models import AuditEntry
from theodoi.orgs.models import Membership, Role
from theodoi.plans.models import Plan, Task
from theodoi.reporting.rounds import open_round

pytestmark = pytest.mark.usefixtures("orgs")


@pytest.fixture
def it_staff(db: None) -> Client:
    person = User.objects.create_superuser("it", "it@skhcn.dongthap.gov.vn", "mật-khẩu-quản-trị-1")
    client = Client()
    client.force_login(person)
    return client


def change(client: Client, url: str, **values: Any) -> Any:
    """Open the admin's form at ``url``, change ``values`` as a person would, save it."""
    page = lxml.html.fromstring(client.get(url).content.decode())
    form = page.xpath(
        "//form[@method='post' and substring(@id, string-length(@id) - 4) = '_form']"
    )[0]
    data: dict[str, Any] = dict(form.form_values())
    for name, value in values.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    response = client.post(url, {**data, "_save": "Lưu"})
    assert response.status_code == 302, response.context["errors"]
    return response


def test_every_admin_page_that_can_write_writes_the_audit_log() -> None:
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    silent = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin)
        and (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    ]
    assert silent == []


def test_marking_a_task_confidential_in_the_admin_is_audited(
    it_staff: Client, tien_giang_plan: Plan
) -> None:
    task = tien_giang_plan.tasks.order_by("position").first()
    assert task is not None
    change(it_staff, reverse("admin:plans_task_change", args=[task.pk]), confidential=True)
    task.refresh_from_db()
    assert task.confidential
    entry = AuditEntry.objects.get(action="admin.plans.task.changed")
    assert entry.by.username == "it"
    assert (entry.before["confidential"], entry.after["confidential"]) == (False, True)
    # The inline agencies are part of the record: who the task belongs to.
    assert entry.after["plans.TaskAgency"] == entry.before["plans.TaskAgency"] != []


def test_making_a_reporter_a_coordinator_in_the_admin_is_audited(
    it_staff: Client, reporter: User
) -> None:
    membership = Membership.objects.get(user=reporter)
    change(
        it_staff,
        reverse("admin:orgs_membership_change", args=[membership.pk]),
        role=Role.COORDINATOR.value,
    )
    entry = AuditEntry.objects.get(action="admin.orgs.membership.changed")
    assert (entry.before["role"], entry.after["role"]) == ("reporter", "coordinator")


def test_deleting_a_plan_without_reports_records_it_and_all_it_took_with_it(
    it_staff: Client, tien_giang_plan: Plan
) -> None:
    tasks = tien_giang_plan.tasks.count()
    url = reverse("admin:plans_plan_delete", args=[tien_giang_plan.pk])
    assert it_staff.post(url, {"post": "yes"}).status_code == 302
    assert not Plan.objects.filter(pk=tien_giang_plan.pk).exists()
    entry = AuditEntry.objects.get(action="admin.plans.plan.deleted")
    assert entry.before["number"] == "69/KH-UBND"
    assert entry.before["deleted_with"]["plans.Task"] == tasks
    assert entry.object_repr == "69/KH-UBND"


def test_a_plan_with_a_reporting_round_cannot_be_deleted(
    it_staff: Client, tien_giang_plan: Plan, coordinator: User
) -> None:
    open_round(
        tien_giang_plan,
        title="Báo cáo năm 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 11, 15),
        cut_off=datetime.date(2026, 11, 10),
        deadline=NOW + datetime.timedelta(days=20),
        by=coordinator,
        now=NOW,
    )
    url = reverse("admin:plans_plan_delete", args=[tien_giang_plan.pk])
    page = it_staff.post(url, {"post": "yes"})
    assert page.status_code == 200  # the page that lists what protects it
    assert Plan.objects.filter(pk=tien_giang_plan.pk).exists()
    assert Task.objects.filter(plan=tien_giang_plan).exists()
    with pytest.raises(ProtectedError):
        tien_giang_plan.delete()


def test_people_are_deactivated_in_the_admin_never_deleted(
    it_staff: Client, reporter: User
) -> None:
    assert it_staff.get(reverse("admin:auth_user_delete", args=[reporter.pk])).status_code == 403
    response = it_staff.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [reporter.pk]},
    )
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert not reporter.is_active
    entry = AuditEntry.objects.get(action="orgs.person.deactivated")
    assert (entry.by.username, entry.object_id) == ("it", str(reporter.pk))
    # What they did keeps its author: the database refuses to delete them.
    with pytest.raises(ProtectedError):
        reporter.delete()
    visitor = Client()
    visitor.post(reverse("login"), {"username": "sokhcn", "password": "mật-khẩu-thử-nghiệm-1"})
    assert "_auth_user_id" not in visitor.session


def test_a_role_granted_in_the_admin_to_a_new_person_is_audited_with_no_password_in_it(
    it_staff: Client,
) -> None:
    response = it_staff.post(
        reverse("admin:auth_user_add"),
        {
            "username": "sotc",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.auth.user.created")
    assert entry.after["username"] == "sotc"
    assert "password" not in entry.after

"""The directive pages: a leader directs on a red task from the plan, the agency answers in
its workspace, the dashboard lists what is open. Bad forms are named and store nothing;
another province's people get 404; an inspector reads and cannot write."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.builders import agency_of, lead_tasks, signed_in
from theodoi.directives.models import Directive, DirectiveState
from theodoi.directives.services import issue_directive
from theodoi.plans.models import Plan

TEXT = "Đề nghị tập trung nguồn lực hoàn thành nhiệm vụ trước 31/12."


def later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_leader_directs_on_a_task_and_the_agency_answers(
    tien_giang_plan: Plan, leader: User, reporter: User
) -> None:
    task = lead_tasks(tien_giang_plan, reporter)[0]
    new = reverse("directives:new", args=[tien_giang_plan.pk])
    form = signed_in(leader).get(new, {"nhiem_vu": task.pk}).content.decode()
    assert task.code in form

    response = signed_in(leader).post(new, {"task": task.pk, "text": TEXT, "due": later(14)})
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert (directive.task, directive.agency) == (task, agency_of(reporter))

    answering = signed_in(reporter)
    listed = answering.get(reverse("directives:list")).content.decode()
    assert TEXT[:30] in listed
    answer = reverse("directives:answer", args=[directive.pk])
    assert answering.post(answer, {"answer": ""}).status_code == 400
    assert answering.post(answer, {"answer": "Đã bố trí nhân lực."}).status_code == 302
    directive.refresh_from_db()
    assert directive.state == DirectiveState.ANSWERED


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"text": " ", "due": 5}, "Nội dung chỉ đạo: chưa có nội dung"),
        ({"text": TEXT, "due": -2}, "đã qua"),
        ({"text": TEXT, "due": 5, "task": "foreign"}, "Nhiệm vụ: nhiệm vụ này không thuộc"),
        ({"text": TEXT, "due": 5}, "Cơ quan: hãy chọn cơ quan phải trả lời."),
        ({"text": TEXT, "due": 5, "task": "999999"}, "Nhiệm vụ: không có nhiệm vụ này."),
    ],
)
def test_a_bad_directive_is_named_and_nothing_is_stored(
    tien_giang_plan: Plan,
    import_gold: object,
    leader: User,
    form: dict[str, object],
    message: str,
) -> None:
    data = {"text": str(form["text"]), "due": later(int(str(form["due"])))}
    if form.get("task") == "foreign":
        other = import_gold("003_de113db257313a93.json")  # type: ignore[operator]
        data["task"] = str(other.tasks.first().pk)
    elif "task" in form:
        data["task"] = str(form["task"])

    response = signed_in(leader).post(reverse("directives:new", args=[tien_giang_plan.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Directive.objects.count() == 0


def test_scopes_an_inspector_and_the_dashboard(
    tien_giang_plan: Plan,
    leader: User,
    reporter: User,
    inspector: User,
    other_coordinator: User,
) -> None:
    directive = issue_directive(
        tien_giang_plan,
        task=None,
        agency=agency_of(reporter),
        text=TEXT,
        due=timezone.localdate() + datetime.timedelta(days=3),
        by=leader,
        now=timezone.now(),
    )
    detail = reverse("directives:detail", args=[directive.pk])
    assert signed_in(other_coordinator).get(detail).status_code == 404
    new = reverse("directives:new", args=[tien_giang_plan.pk])
    assert signed_in(other_coordinator).get(new).status_code == 404
    assert signed_in(inspector).get(detail).status_code == 200
    assert signed_in(inspector).get(new).status_code == 403
    assert signed_in(inspector).post(new, {"text": TEXT, "due": later(3)}).status_code == 403

    dashboard = signed_in(leader).get(
        reverse("dashboard:dashboard"), {"ke_hoach": tien_giang_plan.pk}
    )
    assert TEXT[:30] in dashboard.content.decode()

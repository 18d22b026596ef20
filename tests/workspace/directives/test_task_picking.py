"""Choosing the directive's task at a plan's scale (some hundred tasks): the form lists the
task chosen and those the search finds, never the plan's all; the endpoint finds only the
plan's tasks the leader may read, for whoever may direct; without JavaScript the search
button reloads the form with the matches; a forged task id is refused and nothing stored;
and the page costs as many statements, and lists as many tasks, with sixty more tasks."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.builders import agency_of, import_gold, lead_tasks, open_round_now, signed_in
from theodoi.directives.models import Directive
from theodoi.plans.models import Plan, Task
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db

MARK = "Thử nghiệm chọn nhiệm vụ"
TEXT = "Đề nghị báo cáo tiến độ trước 31/12."


def more_tasks(plan: Plan, count: int = 60) -> list[Task]:
    return [
        Task.objects.create(
            plan=plan, key=f"thu-{i}", code=f"99.{i + 1}", position=900 + i, title=f"{MARK} {i + 1}"
        )
        for i in range(count)
    ]


def later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def found(client: Any, plan: Plan, query: str, purpose: str = "chi-dao") -> Any:
    url = reverse("workspace:plan_find_tasks", args=[plan.pk])
    return client.get(url, {"q": query, "cho": purpose})


def test_the_endpoint_finds_the_plan_s_tasks_for_those_who_direct(
    tien_giang_plan: Plan, leader: User, reporter: User, other_coordinator: User
) -> None:
    tasks = more_tasks(tien_giang_plan, 12)
    client = signed_in(leader)
    # Typed without tone marks; "11" opens the title's last word of one task only.
    results = found(client, tien_giang_plan, "thu nghiem chon 11").json()["results"]
    assert [r["id"] for r in results] == [tasks[10].pk]
    assert results[0]["label"] == f"99.11. {MARK} 11"
    assert [r["id"] for r in found(client, tien_giang_plan, "99.3").json()["results"]] == [
        tasks[2].pk
    ]
    assert found(client, tien_giang_plan, "").json()["results"] == []
    # Another plan's tasks are not found from this one.
    other = import_gold("003_de113db257313a93.json")
    mine = {t.pk for t in tien_giang_plan.tasks.all()}
    for word in ("phat", "so", "1"):
        assert {r["id"] for r in found(client, tien_giang_plan, word).json()["results"]} <= mine
    assert other.tasks.exists()
    assert found(client, tien_giang_plan, "so", "khac").status_code == 404
    assert found(signed_in(reporter), tien_giang_plan, "so").status_code == 403
    assert found(signed_in(other_coordinator), tien_giang_plan, "so").status_code == 404


def test_without_javascript_the_task_search_reloads_the_form_and_a_forged_task_is_refused(
    tien_giang_plan: Plan, leader: User, reporter: User
) -> None:
    tasks = more_tasks(tien_giang_plan, 12)
    client = signed_in(leader)
    url = reverse("directives:new", args=[tien_giang_plan.pk])
    data = {"text": TEXT, "due": later(9)}
    response = client.post(
        url, {**data, "task": str(tasks[0].pk), "tim_nhiem_vu": "chon 11", "tim": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert TEXT in page
    # The one chosen stays ticked, the match is offered, the other tasks are not listed.
    assert re.search(rf'value="{tasks[0].pk}"[^>]* checked', page)
    assert f"{MARK} 11" in page
    assert f"{MARK} 5<" not in page
    assert not Directive.objects.exists()
    nobody = client.post(url, {**data, "tim_nhiem_vu": "xyzw", "tim": "1"})
    assert "Không tìm thấy nhiệm vụ nào của kế hoạch này theo “xyzw”" in (nobody.content.decode())

    foreign = import_gold("003_de113db257313a93.json").tasks.first()
    assert foreign is not None
    for forged in (str(foreign.pk), "999999"):
        response = client.post(url, {**data, "task": forged})
        assert response.status_code == 400
        assert "Nhiệm vụ:" in response.content.decode()
    assert not Directive.objects.exists()

    task = lead_tasks(tien_giang_plan, reporter)[0]
    response = client.post(url, {**data, "task": str(task.pk)})
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert (directive.task, directive.agency) == (task, agency_of(reporter))


def test_sixty_more_tasks_cost_no_statement_and_are_not_listed(
    tien_giang_plan: Plan, leader: User, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(leader)
    url = reverse("directives:new", args=[tien_giang_plan.pk])
    with CaptureQueriesContext(connection) as captured:
        before = client.get(url).content.decode()
    listed = before.count('name="task"')
    more_tasks(tien_giang_plan)
    with django_assert_max_num_queries(len(captured)):
        html = client.get(url).content.decode()
    assert html.count(MARK) == 0
    assert html.count('name="task"') == listed
    # A task chosen from elsewhere (the dashboard's link) is listed, ticked.
    chosen = Task.objects.get(plan=tien_giang_plan, key="thu-7")
    linked = client.get(url, {"nhiem_vu": chosen.pk}).content.decode()
    assert linked.count(MARK) == 1
    assert re.search(rf'value="{chosen.pk}"[^>]* checked', linked)


def test_a_red_task_listed_is_marked_red(
    tien_giang_plan: Plan, coordinator: User, leader: User
) -> None:
    open_round_now(tien_giang_plan, by=coordinator)
    rebuild_snapshot(tien_giang_plan, as_of=timezone.localdate(), now=timezone.now())
    results = PlanSnapshot.objects.get(plan=tien_giang_plan).results["tasks"]
    red = next(r["id"] for r in results if r["colour"] == "red")
    other = next(r["id"] for r in results if r["colour"] != "red")
    url = reverse("directives:new", args=[tien_giang_plan.pk])
    client = signed_in(leader)
    assert re.search(r"\(đỏ\)</label>", client.get(url, {"nhiem_vu": red}).content.decode())
    assert "(đỏ)" not in client.get(url, {"nhiem_vu": other}).content.decode()

"""Choosing the tasks of an ad-hoc round at a plan's scale (some hundred tasks): the form lists
the tasks chosen and those the search finds, never the plan's all; the endpoint finds the
plan's live tasks for its coordinator alone; without JavaScript the search button reloads the
form with the matches to tick; a forged, foreign or archived task is refused by its id and
nothing stored; several tasks chosen are stored; the page costs as many statements, and lists
as many tasks, with sixty more tasks; and a long title is listed cut with an ellipsis."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.builders import import_gold, lead_tasks, signed_in
from tests.workspace.directives.test_task_picking import MARK, found, more_tasks
from tests.workspace.test_agency_picking import statements
from theodoi.plans.models import Plan, Task
from theodoi.reporting.models import AdHocRound
from theodoi.workspace.picking import task_label

pytestmark = pytest.mark.django_db

TITLE = "Báo cáo đột xuất về chuyển đổi số"


def form(plan: Plan) -> str:
    return reverse("reporting:round_ad_hoc", args=[plan.pk])


def data() -> dict[str, str]:
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    return {"title": TITLE, "reason": "Yêu cầu của Tỉnh ủy.", "deadline": deadline.isoformat()}


def test_the_endpoint_finds_the_plan_s_live_tasks_for_its_coordinator(
    tien_giang_plan: Plan, coordinator: User, leader: User, other_coordinator: User
) -> None:
    tasks = more_tasks(tien_giang_plan, 12)
    tasks[3].archived_at = timezone.now()
    tasks[3].save()
    client = signed_in(coordinator)
    results = found(client, tien_giang_plan, "thu nghiem chon 11", "dot-xuat").json()["results"]
    assert [r["id"] for r in results] == [tasks[10].pk]
    assert results[0]["label"] == f"99.11. {MARK} 11"
    # An archived task is no longer reported on.
    assert found(client, tien_giang_plan, "99.4", "dot-xuat").json()["results"] == []
    # The leader directs on the plan's tasks but opens no round; another province's
    # coordinator does not learn that the plan exists.
    assert found(signed_in(leader), tien_giang_plan, "so", "dot-xuat").status_code == 403
    assert found(signed_in(other_coordinator), tien_giang_plan, "so", "dot-xuat").status_code == (
        404
    )


def test_without_javascript_the_task_search_reloads_the_form_with_the_matches(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    tasks = more_tasks(tien_giang_plan, 12)
    client = signed_in(coordinator)
    sent = {**data(), "tasks": [str(tasks[0].pk)], "tim_nhiem_vu": "chon 11", "tim": "1"}
    response = client.post(form(tien_giang_plan), sent)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{TITLE}"' in page
    # The one chosen stays ticked, the match is offered to tick, the other tasks are not listed.
    assert re.search(rf'type="checkbox" name="tasks" value="{tasks[0].pk}"[^>]* checked', page)
    assert re.search(rf'type="checkbox" name="tasks" value="{tasks[10].pk}"[^>]*>', page)
    assert not re.search(rf'value="{tasks[10].pk}"[^>]* checked', page)
    assert f"{MARK} 5<" not in page
    assert not AdHocRound.objects.exists()
    nobody = client.post(form(tien_giang_plan), {**data(), "tim_nhiem_vu": "xyzw", "tim": "1"})
    assert "Không tìm thấy nhiệm vụ nào của kế hoạch này theo “xyzw”" in nobody.content.decode()


def test_a_forged_task_is_refused_by_its_id_and_the_tasks_chosen_are_stored(
    tien_giang_plan: Plan, coordinator: User, reporter: User
) -> None:
    (archived,) = more_tasks(tien_giang_plan, 1)
    archived.archived_at = timezone.now()
    archived.save()
    foreign = import_gold("003_de113db257313a93.json").tasks.first()
    assert foreign is not None
    client = signed_in(coordinator)
    for forged in (str(foreign.pk), str(archived.pk), "999999"):
        response = client.post(form(tien_giang_plan), {**data(), "tasks": [forged]})
        assert response.status_code == 400
        page = response.content.decode()
        assert "Nhiệm vụ cần báo cáo: nhiệm vụ được chọn" in page
        assert f"(mã {forged}) không phải nhiệm vụ đang có hiệu lực của kế hoạch này" in page
    assert not AdHocRound.objects.exists()

    chosen = lead_tasks(tien_giang_plan, reporter)[:3]
    response = client.post(form(tien_giang_plan), {**data(), "tasks": [t.pk for t in chosen]})
    assert response.status_code == 302
    assert set(AdHocRound.objects.get().tasks.all()) == set(chosen)


def test_sixty_more_tasks_cost_no_statement_and_are_not_listed(
    tien_giang_plan: Plan, coordinator: User, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(coordinator)
    url = form(tien_giang_plan)
    before = statements(client, url)
    more_tasks(tien_giang_plan)
    with django_assert_max_num_queries(before):
        html = client.get(url).content.decode()
    assert html.count(MARK) == 0
    assert 'name="tasks"' not in html
    assert "Chưa chọn nhiệm vụ nào" in html


def test_a_long_title_is_listed_cut_with_an_ellipsis() -> None:
    title = (
        "Xây dựng chuyên mục về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên "
        "truyền hình, báo và cổng thông tin điện tử của tỉnh"
    )
    label = task_label(Task(code="PL2.2", title=title))
    assert label == "PL2.2. " + title[:89] + "…"
    assert task_label(Task(code="1", title="Ngắn")) == "1. Ngắn"

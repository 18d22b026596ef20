"""The staff dashboard: figures from the snapshot, each leading to the tasks behind it, and a
reporter's view limited to its own agency."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.snapshots.conftest import AS_OF, REVIEWED
from theodoi.plans.models import Plan
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(tien_giang_plan: Plan) -> PlanSnapshot:
    return rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_leader_sees_the_counts_and_each_count_lists_its_tasks(
    leader: User, evaluated: PlanSnapshot
) -> None:
    client = signed_in(leader)
    plan = evaluated.plan
    html = client.get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk}).content.decode()
    summary = evaluated.results["summary"]["all"]["plan"]
    assert f'data-testid="task-total">{summary["total"]}<' in html
    overdue = client.get(
        reverse("dashboard:task_list"), {"ke_hoach": plan.pk, "loai": "overdue"}
    ).content.decode()
    assert f"({summary['overdue']})" in overdue
    assert overdue.count('<td class="code"') == summary["overdue"]


def test_a_reporter_sees_only_its_own_agency(reporter: User, evaluated: PlanSnapshot) -> None:
    client = signed_in(reporter)
    plan = evaluated.plan
    html = client.get(
        reverse("dashboard:dashboard"), {"ke_hoach": plan.pk, "co_quan": "1"}
    ).content.decode()
    assert "Sở Khoa học và Công nghệ" in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert 'id="f-agency"' not in html
    mine = next(r for r in evaluated.results["ranking"] if "Khoa học và Công nghệ" in r["name"])
    led = evaluated.results["summary"]["all"]["agencies"][str(mine["agency"])]["total"]
    assert f'data-testid="task-total">{led}<' in html


def test_a_bad_filter_is_named_in_vietnamese_and_the_page_still_shows(
    leader: User, evaluated: PlanSnapshot
) -> None:
    client = signed_in(leader)
    response = client.get(
        reverse("dashboard:dashboard"), {"ke_hoach": evaluated.plan.pk, "nhom": "abc"}
    )
    assert response.status_code == 200
    assert "Nhóm nhiệm vụ: “abc” không phải lựa chọn hợp lệ." in response.content.decode()


def test_the_dashboard_changes_when_the_snapshot_does(
    leader: User, evaluated: PlanSnapshot
) -> None:
    client = signed_in(leader)
    plan = evaluated.plan
    before = client.get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk}).content.decode()
    task = plan.tasks.order_by("position").first()
    task.archived_at = REVIEWED
    task.save(update_fields=["archived_at"])
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    after = client.get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk}).content.decode()
    total = evaluated.results["summary"]["all"]["plan"]["total"]
    assert f'data-testid="task-total">{total}<' in before
    assert f'data-testid="task-total">{total - 1}<' in after


def test_an_agency_with_nothing_due_reads_not_ranked_with_the_reason(
    leader: User, evaluated: PlanSnapshot
) -> None:
    # Cục Thống kê has no task in seed 004, only the second name on the TFP indicator.
    statistics = next(r for r in evaluated.results["ranking"] if r["name"] == "Cục Thống kê tỉnh")
    html = (
        signed_in(leader)
        .get(reverse("dashboard:dashboard"), {"ke_hoach": evaluated.plan.pk})
        .content.decode()
    )
    row = re.search(rf"<tr>(?:(?!</tr>).)*co_quan={statistics['agency']}\">.*?</tr>", html, re.S)
    assert row is not None
    assert "Chưa xếp hạng" in row.group(0)
    assert "không có nhiệm vụ nào đến hạn" in row.group(0)

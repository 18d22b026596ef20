"""The dashboard kept whole in the cache (issue 15): a hit costs a few statements whatever
the query string, what the page shows is seen on the next request once it changes, and
only the account corner is each person's own."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.builders import REVIEWED, org, signed_in
from theodoi.directives.services import issue_directive
from theodoi.orgs.models import Role
from theodoi.orgs.services import grant_role
from theodoi.plans.models import AgencyRole, Plan, Task
from theodoi.plans.services import set_task_confidential
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.round_changes import edit_round
from theodoi.snapshots.models import PlanSnapshot

pytestmark = pytest.mark.django_db


def dashboard(client: Client, plan: Plan, query: str = "") -> str:
    response = client.get(f"{reverse('dashboard:dashboard')}?ke_hoach={plan.pk}{query}")
    assert response.status_code == 200
    return response.content.decode()


def content(html: str) -> str:
    return html.split('<main id="content">')[1].split("</main>")[0]


def test_a_warm_dashboard_costs_a_few_statements_whatever_else_the_query_string_holds(
    leader: User, evaluated: PlanSnapshot, django_assert_max_num_queries: object
) -> None:
    """A hit read the snapshot, the plans, the directives and rendered the layout: dozens of
    statements and 7 ms of CPU. Now the person, the key, the unread notices: no more than
    eight, and a parameter the page does not read is the same page."""
    client = signed_in(leader)
    warm = content(dashboard(client, evaluated.plan))
    for query in ("", "&x=1", "&utm_source=zalo", "&" + "a" * 300 + "=1"):
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            assert content(dashboard(client, evaluated.plan, query)) == warm


def test_the_account_corner_is_each_person_s_own_on_a_page_another_warmed(
    leader: User, make_user: Callable[..., User], evaluated: PlanSnapshot
) -> None:
    """Two leaders of Đồng Tháp share the page; each is named in its header, with their own
    notices and their own logout form."""
    other = make_user("lanhdao2", Role.LEADER, org("dong-thap"))
    User.objects.filter(pk=other.pk).update(first_name="Thị", last_name="Lan")
    first = dashboard(signed_in(leader), evaluated.plan)
    second = dashboard(signed_in(other), evaluated.plan)
    header = second.split('<main id="content">')[0]
    assert "Thị Lan" in header
    assert leader.get_username() not in header
    assert leader.get_username() in first.split('<main id="content">')[0]
    assert content(first) == content(second)
    assert "<!-- theodoi: account -->" not in second
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', header)


def test_a_directive_issued_is_on_the_next_dashboard(leader: User, evaluated: PlanSnapshot) -> None:
    client = signed_in(leader)
    plan = evaluated.plan
    task = (
        plan.tasks.filter(agencies__role=AgencyRole.LEAD, agencies__organisation__isnull=False)
        .order_by("position")
        .first()
    )
    assert "Báo cáo ngay tiến độ" not in dashboard(client, plan)
    issue_directive(
        plan,
        task=task,
        agency=None,
        text="Báo cáo ngay tiến độ",
        due=datetime.date(2026, 12, 31),
        by=leader,
        now=REVIEWED,
    )
    assert "Báo cáo ngay tiến độ" in dashboard(client, plan)


def test_a_round_renamed_is_in_the_next_dashboard_s_filter(
    leader: User, coordinator: User, round_: ReportingRound, evaluated: PlanSnapshot
) -> None:
    client = signed_in(leader)
    assert round_.title in dashboard(client, evaluated.plan)
    edit_round(
        round_,
        title="Kỳ báo cáo đã đổi tên",
        period_start=round_.period_start,
        period_end=round_.period_end,
        cut_off=round_.cut_off,
        reminder_days=round_.reminder_days,
        by=coordinator,
        now=REVIEWED,
    )
    assert "Kỳ báo cáo đã đổi tên" in dashboard(client, evaluated.plan)


def test_a_task_made_confidential_leaves_an_inspector_s_dashboard_at_once(
    make_user: Callable[..., User], coordinator: User, evaluated: PlanSnapshot
) -> None:
    """An inspector not granted confidential tasks shares its page with no one who reads
    them; a task made confidential leaves it on the next request, with no rebuild."""
    inspector = make_user("ubkt", None)
    grant_role(inspector, Role.INSPECTOR, org("dong-thap"), by=None, now=REVIEWED)
    client = signed_in(inspector)
    total = int(
        re.search(r'data-testid="task-total">(\d+)<', dashboard(client, evaluated.plan)).group(1)
    )
    task = Task.objects.get(pk=evaluated.results["tasks"][0]["id"])
    set_task_confidential(task, True, by=coordinator, now=REVIEWED)
    after = dashboard(client, evaluated.plan)
    assert f'data-testid="task-total">{total - 1}<' in after


def test_a_message_is_shown_once_on_a_cached_dashboard(
    leader: User, evaluated: PlanSnapshot
) -> None:
    """A page with a message to show (after an action) is rendered afresh, so the message is
    shown, and used: the next request is the cached page without it."""
    client = signed_in(leader)
    warm = dashboard(client, evaluated.plan)
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode([Message(25, "Đã lưu chỉ đạo.")])
    assert "Đã lưu chỉ đạo." in dashboard(client, evaluated.plan)
    again = dashboard(client, evaluated.plan)
    assert "Đã lưu chỉ đạo." not in again
    assert content(again) == content(warm)


def test_a_value_that_is_not_the_plan_s_is_named_and_keeps_nothing(
    leader: User, evaluated: PlanSnapshot
) -> None:
    """A group, round or agency the plan has not is told on the page; the key space holds
    only what exists, so ten thousand such values cannot fill the cache."""
    client = signed_in(leader)
    for query, told in (
        ("&nhom=999999", "Nhóm nhiệm vụ: kế hoạch không có nhóm này."),
        ("&ky=999999", "Kỳ báo cáo: kế hoạch không có kỳ này."),
        ("&co_quan=999999", "Cơ quan: cơ quan này không có nhiệm vụ trong kế hoạch."),
        ("&nhom=" + "9" * 5000, "không phải lựa chọn hợp lệ"),
    ):
        assert told in dashboard(client, evaluated.plan, query), query


def test_a_roll_up_hit_costs_a_few_statements_and_a_task_made_confidential_leaves_it_at_once(
    make_user: Callable[..., User],
    coordinator: User,
    evaluated: PlanSnapshot,
    django_assert_max_num_queries: object,
) -> None:
    """The national page kept whole: a hit is the person, the key and the notices. A
    national inspector not granted confidential tasks counts a task made confidential out
    on the next request, with no rebuild."""
    inspector = make_user("thanhtra.tw", None)
    grant_role(inspector, Role.INSPECTOR, None, scope=None, by=None, now=REVIEWED)
    client = signed_in(inspector)
    nation = reverse("dashboard:nation")

    def tasks() -> int:
        html = client.get(nation).content.decode()
        found = re.search(r'data-testid="rollup-tasks">([^<]+)<', html)
        assert found is not None
        return int(found.group(1).strip().replace(".", ""))

    before = tasks()
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        assert client.get(nation + "?x=1").status_code == 200
    task = Task.objects.get(pk=evaluated.results["tasks"][0]["id"])
    set_task_confidential(task, True, by=coordinator, now=REVIEWED)
    assert tasks() == before - 1

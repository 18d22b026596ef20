"""The public portal: what anyone sees without logging in, and what they never see."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.builders import AS_OF, REVIEWED, lead_tasks
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot

pytestmark = pytest.mark.django_db
SECRET = "Nhiệm vụ mật về hạ tầng số dùng riêng"


def page(client: Client, name: str, *args: object) -> str:
    response = client.get(reverse(f"portal:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_page_lists_groups_tasks_with_status_and_indicators(
    client: Client, evaluated: PlanSnapshot
) -> None:
    plan = evaluated.plan
    html = page(client, "plan_detail", plan.pk)
    assert plan.title in html
    first = plan.tasks.order_by("position").first()
    assert first.title in html
    assert 'class="status ' in html
    assert "Chưa triển khai" in html or "Đang thực hiện" in html
    assert plan.indicators.first().name in html
    assert plan.title[:40] in page(client, "plan_list")


def test_a_confidential_task_is_never_on_a_public_page_nor_in_open_data(
    client: Client, tien_giang_plan: Plan
) -> None:
    task = (
        tien_giang_plan.tasks.filter(agencies__role="lead", agencies__organisation__isnull=False)
        .order_by("position")
        .first()
    )
    task.title, task.confidential = SECRET, True
    task.save(update_fields=["title", "confidential"])
    snapshot = rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)
    lead = next(t["lead"][0] for t in snapshot.results["tasks"] if t["id"] == task.pk)
    pk = tien_giang_plan.pk
    for html in (
        page(client, "plan_detail", pk),
        page(client, "agency_detail", pk, lead),
        page(client, "open_data_csv", pk, "tasks"),
        page(client, "open_data_json", pk, "tasks"),
    ):
        assert SECRET not in html
    assert f'"task_id": {task.pk},' not in page(client, "open_data_json", pk, "tasks")


def test_a_draft_plan_is_never_public(client: Client, evaluated: PlanSnapshot) -> None:
    plan = evaluated.plan
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    assert plan.title[:40] not in page(client, "plan_list")
    for name, args in (
        ("plan_detail", (plan.pk,)),
        ("indicator_detail", (plan.pk, plan.indicators.first().pk)),
        ("ranking", (plan.pk,)),
        ("open_data_csv", (plan.pk, "tasks")),
    ):
        assert client.get(reverse(f"portal:{name}", args=args)).status_code == 404


def test_the_ranking_stays_hidden_until_the_coordinator_publishes_it(
    client: Client,
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    report_task(lead_tasks(round_.plan, reporter)[0], UpdateContent("in_progress", 50))
    snapshot = rebuild_snapshot(round_.plan, as_of=AS_OF, now=REVIEWED)
    pk = round_.plan.pk
    hidden = page(client, "ranking", pk)
    assert 'data-testid="not-published"' in hidden
    assert 'data-testid="ranking"' not in hidden
    assert reverse("portal:ranking", args=[pk]) not in page(client, "plan_detail", pk)
    publish_ranking(round_.plan, by=coordinator, now=REVIEWED + datetime.timedelta(days=2))
    shown = page(client, "ranking", pk)
    assert 'data-testid="ranking"' in shown
    first = next(r for r in snapshot.results["ranking"] if r["rank"] == 1)
    assert first["name"] in shown


def test_the_cached_page_changes_when_the_snapshot_does(
    client: Client,
    round_: ReportingRound,
    reporter: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    plan = round_.plan
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    task = lead_tasks(plan, reporter)[0]
    assert "Tiến độ 70%" not in page(client, "plan_detail", plan.pk)
    report_task(task, UpdateContent("in_progress", 70))
    # Served from the cache until the snapshot changes: the accepted update alone shows nothing.
    assert "Đang thực hiện" not in page(client, "plan_detail", plan.pk).split(task.title)[1][:2000]
    rebuild_snapshot(plan, as_of=AS_OF + datetime.timedelta(days=1), now=REVIEWED)
    after = page(client, "plan_detail", plan.pk).split(task.title)[1][:2000]
    assert "Đang thực hiện" in after


def test_the_indicator_page_draws_its_values_against_the_path_and_explains_the_band(
    client: Client,
    round_: ReportingRound,
    reporter: User,
    report_value: Callable[..., object],
) -> None:
    from tests.builders import reporter_indicator

    indicator = reporter_indicator(round_.plan, reporter)
    report_value(indicator, 10, datetime.date(2025, 12, 31), baseline=True)
    report_value(indicator, 12.5, datetime.date(2026, 5, 15))
    rebuild_snapshot(round_.plan, as_of=AS_OF, now=REVIEWED)
    html = page(client, "indicator_detail", round_.plan.pk, indicator.pk)
    assert f'data-chart="chart-{indicator.pk}"' in html
    assert "chart.umd.min.js" in html
    assert "12,5" in html  # the table alternative, in Vietnamese number format
    assert "15/05/2026" in html
    assert "R = " in html  # the numbers behind the band


def test_a_task_made_confidential_leaves_the_cached_page_at_once(
    client: Client, coordinator: User, evaluated: PlanSnapshot
) -> None:
    from theodoi.plans.services import set_task_confidential

    plan = evaluated.plan
    task = plan.tasks.order_by("position").first()
    assert task.title in page(client, "plan_detail", plan.pk)
    set_task_confidential(task, confidential=True, by=coordinator, now=REVIEWED)
    assert task.title not in page(client, "plan_detail", plan.pk)


def test_the_explanation_and_the_table_write_the_growth_alike(
    client: Client,
    round_: ReportingRound,
    reporter: User,
    report_value: Callable[..., object],
) -> None:
    """Issue 9 item 16: the explanation said g = 9,56 % where its table said 9,5 %."""
    from tests.builders import reporter_indicator

    indicator = reporter_indicator(round_.plan, reporter)
    report_value(indicator, 10, datetime.date(2025, 12, 31), baseline=True)
    report_value(indicator, 10.344, datetime.date(2026, 5, 15))  # g = 9,5755 %
    snapshot = rebuild_snapshot(round_.plan, as_of=AS_OF, now=REVIEWED)
    result = next(i for i in snapshot.results["indicators"] if i["id"] == indicator.pk)
    assert 0.09575 < result["observed_growth"] < 0.09576
    html = page(client, "indicator_detail", round_.plan.pk, indicator.pk)
    why = html.split('data-testid="why">')[1].split("</p>")[0]
    assert "g = 9,6%/năm" in why
    table = html.split("Tốc độ tăng thực tế g mỗi năm</dt>")[1].split("</dd>")[0]
    assert table == "<dd>9,6%"


def test_a_plan_that_states_no_title_is_listed_under_a_readable_one_with_its_link(
    client: Client, import_gold: Callable[..., Plan]
) -> None:
    """Issue 9 item 19: seed 002 is a news article quoting a Quảng Trị plan from its middle,
    with neither number nor title; its row on the portal's home had an empty link."""
    plan = import_gold("002_1813b2d7934d17d9.json")
    assert (plan.number, plan.title) == ("", "")
    link = reverse("portal:plan_detail", args=[plan.pk])
    row = page(client, "plan_list").split(f'<a href="{link}">')[1].split("</a>")[0]
    assert row.strip() == "Tin bài - Quảng Trị"
    detail = page(client, "plan_detail", plan.pk)
    assert "<h1>Tin bài - Quảng Trị</h1>" in detail
    assert f'<a href="{link}">Tin bài - Quảng Trị</a>' in detail  # the breadcrumb
    assert "<title>Tin bài - Quảng Trị · theodoi</title>" in detail


def test_the_plan_page_leads_to_the_page_of_every_agency_it_names(
    client: Client, evaluated: PlanSnapshot
) -> None:
    """Issue 9 item 19: agency pages could be reached only by typing their address."""
    plan = evaluated.plan
    html = page(client, "plan_detail", plan.pk)
    agencies = {r["agency"] for r in evaluated.results["ranking"]}
    led = {a for t in evaluated.results["tasks"] for a in t["lead"]}
    for agency in agencies:
        assert reverse("portal:agency_detail", args=[plan.pk, agency]) in html
    # Each lead agency written in a task's row is a link to the body carrying it today.
    judged = next(t for t in evaluated.results["tasks"] if t["lead"])
    title = plan.tasks.get(pk=judged["id"]).title
    row = html.split(f'<td class="wide" data-label="Nhiệm vụ">{title}</td>')[1]
    lead_cell = row.split("</td>")[0]
    for agency in judged["lead"]:
        assert reverse("portal:agency_detail", args=[plan.pk, agency]) in lead_cell
    assert led <= agencies

"""The staff dashboard: figures from the snapshot, each leading to the tasks behind it, and a
reporter's view limited to its own agency."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.builders import AS_OF, REVIEWED, org, signed_in
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.caching import forget_everything
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.models import Plan, Task
from theodoi.reporting.access import visible_tasks
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot
from theodoi.workspace.dashboard import views

pytestmark = pytest.mark.django_db


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


def _body(user: User, plan: Plan) -> str:
    html = signed_in(user).get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk})
    return html.content.decode().split('<main id="content">')[1].split("</main>")[0]


def test_a_reporter_of_a_merged_body_and_its_successors_reporters_share_no_dashboard(
    reporter: User, make_user: Callable[..., User], evaluated: PlanSnapshot
) -> None:
    """Issue 9 item 12. Tiền Giang's Sở Khoa học và Công nghệ was merged into Đồng Tháp's
    (``reporter``) on 1/7/2025; an account still pointing to the former body is shown its
    successor's figures but reads only its own body's tasks. Each sees the page it would
    see with nothing cached, whoever loaded the page first."""
    plan = evaluated.plan
    merged = org("tien-giang--so-khoa-hoc-cong-nghe")
    # The account was made while the body still existed; the merger came later.
    Organisation.objects.filter(pk=merged.pk).update(active=True)
    merged.refresh_from_db()
    former = make_user("tg-khcn", Role.REPORTER, merged)
    Organisation.objects.filter(pk=merged.pk).update(active=False)
    cold = {}
    for user in (former, reporter):
        forget_everything()
        cold[user.pk] = _body(user, plan)
    assert cold[former.pk] != cold[reporter.pk]
    for first, second in ((reporter, former), (former, reporter)):
        forget_everything()
        _body(first, plan)
        assert _body(second, plan) == cold[second.pk]

    # And each page's figures count the tasks it may list: none the reader cannot open.
    for user in (former, reporter):
        readable = set(visible_tasks(user).filter(plan=plan).values_list("pk", flat=True))
        listed = {int(pk) for pk in re.findall(r"#task-(\d+)", cold[user.pk])}
        assert listed <= readable
        total = int(re.search(r'data-testid="task-total">(\d+)<', cold[user.pk]).group(1))
        assert total <= len(readable)


def test_a_reporter_whose_agency_is_not_in_the_plan_is_told_so_rather_than_an_error(
    make_user: Callable[..., User], evaluated: PlanSnapshot
) -> None:
    plan = evaluated.plan
    named = set(plan.tasks.values_list("agencies__organisation", flat=True)) | set(
        plan.indicators.values_list("agencies__organisation", flat=True)
    )
    absent = next(
        body
        for body in Organisation.objects.filter(
            parent__code="dong-thap", successor__isnull=True
        ).order_by("code")
        if not set(body.lineage_ids()) & named
    )
    client = signed_in(make_user("vanthu", Role.REPORTER, absent))
    response = client.get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert absent.name in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "Đơn vị không có nhiệm vụ hay chỉ tiêu nào trong kế hoạch này." in html


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


def test_a_dashboard_warmed_in_one_scope_is_never_served_in_another(
    leader: User,
    national_leader: User,
    other_coordinator: User,
    make_user: Callable[..., User],
    tien_giang_plan: Plan,
) -> None:
    """Issue 12: Đồng Tháp's leader, the national leader and an inspector not granted
    confidential tasks each see the page they would see with nothing cached, whoever loaded
    it first; Quảng Ngãi's coordinator is never shown Tiền Giang's plan at all."""
    secret = tien_giang_plan.tasks.order_by("pk").first()
    assert secret is not None
    Task.objects.filter(pk=secret.pk).update(confidential=True)
    rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)
    inspector = make_user("ubkt", None)
    grant_role(inspector, Role.INSPECTOR, org("dong-thap"), by=None, now=REVIEWED)
    readers = (leader, national_leader, inspector)
    cold = {}
    for user in readers:
        forget_everything()
        cold[user.pk] = _body(user, tien_giang_plan)
    for first in (*readers, other_coordinator):
        for second in readers:
            forget_everything()
            signed_in(first).get(reverse("dashboard:dashboard"), {"ke_hoach": tien_giang_plan.pk})
            assert _body(second, tien_giang_plan) == cold[second.pk]
        response = signed_in(other_coordinator).get(
            reverse("dashboard:dashboard"), {"ke_hoach": tien_giang_plan.pk}
        )
        assert response.status_code == 404
    assert f"#task-{secret.pk}" not in cold[inspector.pk]
    for user in readers:
        readable = set(
            visible_tasks(user).filter(plan=tien_giang_plan).values_list("pk", flat=True)
        )
        listed = {int(pk) for pk in re.findall(r"#task-(\d+)", cold[user.pk])}
        assert listed <= readable
    totals = {
        user.pk: int(re.search(r'data-testid="task-total">(\d+)<', cold[user.pk]).group(1))
        for user in readers
    }
    assert totals[inspector.pk] == totals[leader.pk] - 1 == totals[national_leader.pk] - 1
    assert secret.pk not in set(visible_tasks(inspector).values_list("pk", flat=True))
    assert secret.pk in set(visible_tasks(leader).values_list("pk", flat=True))


def test_every_read_of_a_confidential_task_by_an_inspector_is_audited(
    inspector: User, leader: User, tien_giang_plan: Plan
) -> None:
    """Quy chế 08-QC/TW: an inspection body granted confidential tasks reads them, and the
    province knows each time it did, a page read twice being two reads."""
    secret = tien_giang_plan.tasks.order_by("pk").first()
    assert secret is not None
    Task.objects.filter(pk=secret.pk).update(confidential=True)
    rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)
    url = reverse("dashboard:task_list")
    query = {"ke_hoach": tien_giang_plan.pk, "loai": "all"}
    reads = AuditEntry.objects.filter(action=Action.CONFIDENTIAL_READ, object_id=str(secret.pk))
    signed_in(leader).get(url, query)
    assert not reads.exists()
    for times in (1, 2):
        html = signed_in(inspector).get(url, query).content.decode()
        assert f"#task-{secret.pk}" in html
        assert reads.filter(by=inspector).count() == times


def test_a_plan_of_more_agencies_than_the_dashboard_names_shows_those_needing_attention(
    leader: User, evaluated: PlanSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national plan has some 130 agencies: the dashboard names the few that need attention
    (the most overdue tasks first; the lowest scores first) and links to them all."""
    monkeypatch.setattr(views, "AGENCIES_SHOWN", 3)
    plan = evaluated.plan
    led = {int(a): s for a, s in evaluated.results["summary"]["all"]["agencies"].items()}
    leading = [r["agency"] for r in evaluated.results["ranking"] if r["agency"] in led]
    assert len(leading) > 3
    html = signed_in(leader).get(reverse("dashboard:dashboard"), {"ke_hoach": plan.pk})
    body = html.content.decode()
    matrix = body.split('id="h-matrix"')[1].split("</section>")[0]
    named = [int(a) for a in re.findall(r'<th scope="row"><a href="[^"]*co_quan=(\d+)"', matrix)]
    assert len(named) == 3
    most_overdue = sorted((s["overdue"] for s in led.values()), reverse=True)[:3]
    assert [led[a]["overdue"] for a in named] == most_overdue
    assert f"3 trong {len(leading)} cơ quan cần chú ý nhất" in matrix
    everything = reverse("dashboard:agencies") + f"?ke_hoach={plan.pk}"
    assert f'<a href="{everything}">Xem tất cả {len(leading)} cơ quan</a>' in matrix

    ranking = body.split('id="h-ranking"')[1].split("</section>")[0]
    scores = sorted(r["score"] for r in evaluated.results["ranking"] if r["score"] is not None)
    shown = [r for r in evaluated.results["ranking"] if f'co_quan={r["agency"]}"' in ranking]
    assert sorted(r["score"] for r in shown) == scores[:3]
    assert "cơ quan có điểm thấp nhất" in ranking


def test_the_agencies_of_a_plan_are_listed_every_one_a_page_at_a_time(
    leader: User, evaluated: PlanSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "AGENCY_PAGE_LENGTH", 4)
    client = signed_in(leader)
    ranked = [r["agency"] for r in evaluated.results["ranking"]]
    assert len(ranked) > 4
    seen: list[int] = []
    url = reverse("dashboard:agencies") + f"?ke_hoach={evaluated.plan.pk}"
    while url:
        body = client.get(url).content.decode()
        ranking = body.split('id="h-ranking"')[1].split("</section>")[0]
        seen += [int(a) for a in re.findall(r"co_quan=(\d+)\"", ranking)]
        following = re.search(r'<a rel="next" href="([^"]+)">Các cơ quan tiếp theo', body)
        url = (
            reverse("dashboard:agencies") + following.group(1).replace("&amp;", "&")
            if following
            else ""
        )
    assert seen == ranked


def test_an_indicator_card_charts_its_latest_values_and_says_how_many_it_has(
    leader: User, evaluated: PlanSnapshot
) -> None:
    """Sixty monthly rounds made each card list sixty values (the dashboard 140 → 300 kB at
    10×): a card keeps the latest CARD_VALUES, the indicator's page has them all. The seed
    has one value an indicator: the snapshot is given a monthly history, as 10× stores it."""
    results = evaluated.results
    indicator = results["indicators"][0]
    history = [[f"2025-{month:02d}-28", float(month)] for month in range(1, 13)]
    indicator["values"] = [["2024-12-28", 0.5], *history]
    PlanSnapshot.objects.filter(pk=evaluated.pk).update(results=results)
    forget_everything()
    html = signed_in(leader).get(reverse("dashboard:dashboard"), {"ke_hoach": evaluated.plan.pk})
    cards = html.content.decode().split('id="h-indicators"')[1].split('<article class="card">')
    (card,) = [c for c in cards if 'data-testid="latest-values"' in c]
    assert f"{views.CARD_VALUES} giá trị được chấp nhận gần nhất trong 13." in card
    table = card.split('class="data-table"')[1].split("</details>")[0]
    assert table.count('<td class="num">') == views.CARD_VALUES == 12
    assert "28/12/2025" in table
    assert "28/12/2024" not in table

"""The scoring page: readers of the plan's scope read the weights and the ranking, the
coordinator previews (nothing stored), saves (refusals named by field, nothing stored),
publishes and withdraws; each agency's score explained, on the workspace and on the portal
once published, confidential tasks unnamed for the public."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.builders import open_round_now, signed_in
from theodoi.audit.models import AuditEntry
from theodoi.evaluation.weights import defaults
from theodoi.plans.models import Plan
from theodoi.snapshots.models import PlanSnapshot, RankingPublication, ScoringSettings
from theodoi.snapshots.reading import Ranking
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot

pytestmark = pytest.mark.django_db

ON_TIME_ONLY = {**defaults(), "on_time": 100, "progress": 0, "reporting": 0, "indicators": 0}


def form(values: dict[str, Any]) -> dict[str, str]:
    return {name: str(value) for name, value in values.items()}


@pytest.fixture
def plan(tien_giang_plan: Plan, coordinator: User) -> Plan:
    """Seed 004 with a round open now and today's results: agencies with overdue tasks."""
    open_round_now(tien_giang_plan, by=coordinator)
    rebuild_snapshot(tien_giang_plan, as_of=timezone.localdate(), now=timezone.now())
    return tien_giang_plan


def ranked(plan: Plan) -> list[dict[str, Any]]:
    snapshot = PlanSnapshot.objects.get(plan=plan, as_of=timezone.localdate())
    return [r for r in snapshot.results["ranking"] if r["rank"] is not None]


def test_the_plan_page_links_to_scoring(plan: Plan, leader: User, reporter: User) -> None:
    url = reverse("scoring:settings", args=[plan.pk])
    page = signed_in(leader).get(reverse("workspace:plan_detail", args=[plan.pk]))
    assert url in page.content.decode()
    mine = signed_in(reporter).get(reverse("workspace:plan_detail", args=[plan.pk]))
    assert url not in mine.content.decode()


def test_a_leader_reads_the_figures_and_the_ranking_but_gets_no_form(
    plan: Plan, leader: User
) -> None:
    html = signed_in(leader).get(reverse("scoring:settings", args=[plan.pk])).content.decode()
    assert "Điểm hoàn thành đúng hạn các nhiệm vụ đến hạn" in html
    assert 'data-testid="settings-form"' not in html
    assert "Chỉ cơ quan đầu mối của kế hoạch được thay đổi" in html
    assert ranked(plan)[0]["name"] in html


def test_the_coordinator_sees_the_form_with_design_s_defaults(
    plan: Plan, coordinator: User
) -> None:
    html = signed_in(coordinator).get(reverse("scoring:settings", args=[plan.pk])).content.decode()
    assert 'data-testid="settings-form"' in html
    assert 'name="on_time" value="40"' in html
    assert 'name="cooperating_weight" value="0.3"' in html
    assert "Công bố xếp hạng hiện tại" in html


def test_a_preview_shows_the_new_ranking_and_stores_nothing(plan: Plan, coordinator: User) -> None:
    before = (AuditEntry.objects.count(), PlanSnapshot.objects.get(plan=plan).digest)
    response = signed_in(coordinator).post(
        reverse("scoring:preview", args=[plan.pk]), form(ON_TIME_ONLY)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="preview"' in html
    assert "Chưa có gì được lưu" in html
    # The figures typed stay in the form for saving.
    assert 'name="on_time" value="100"' in html
    assert not ScoringSettings.objects.exists()
    assert (AuditEntry.objects.count(), PlanSnapshot.objects.get(plan=plan).digest) == before


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"on_time": 50}, "Tổng điểm của bốn thành phần phải bằng 100 (đang là 110)"),
        ({"progress": -20, "on_time": 80}, "nhiệm vụ đang thực hiện: không được âm (-20)"),
        ({"fair": 85}, "Điểm tối thiểu mức Khá (85) phải thấp hơn điểm tối thiểu mức tốt (80)"),
        ({"lead_weight": "abc"}, "Nhập một số"),
        ({"excellent": "123456"}, "không có nhiều hơn 5 số"),
    ],
)
@pytest.mark.parametrize("route", ["scoring:save", "scoring:preview"])
def test_wrong_figures_are_refused_naming_the_field_and_nothing_is_stored(
    plan: Plan, coordinator: User, changes: dict[str, Any], words: str, route: str
) -> None:
    entries = AuditEntry.objects.count()
    response = signed_in(coordinator).post(
        reverse(route, args=[plan.pk]), form({**defaults(), **changes})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert 'role="alert"' in html
    assert not ScoringSettings.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_saving_stores_the_figures_and_rescores(plan: Plan, coordinator: User) -> None:
    client = signed_in(coordinator)
    response = client.post(reverse("scoring:save", args=[plan.pk]), form(ON_TIME_ONLY))
    assert response.status_code == 302
    assert float(ScoringSettings.objects.get(plan=plan).on_time) == 100
    for row in ranked(plan):
        shares = {c["code"]: c["share"] for c in row["components"]}
        if shares["on_time"] is not None:
            assert row["score"] == pytest.approx(shares["on_time"] * 100, abs=0.06)
    assert "Đã lưu cấu hình chấm điểm" in client.get(response.url).content.decode()


def test_a_leader_cannot_save_preview_or_publish(plan: Plan, leader: User) -> None:
    client = signed_in(leader)
    for route in ("scoring:save", "scoring:preview", "scoring:publish"):
        assert client.post(reverse(route, args=[plan.pk]), form(ON_TIME_ONLY)).status_code == 403
    assert not ScoringSettings.objects.exists()
    assert not RankingPublication.objects.exists()


def test_another_province_s_coordinator_does_not_find_the_plan(
    plan: Plan, other_coordinator: User
) -> None:
    client = signed_in(other_coordinator)
    assert client.get(reverse("scoring:settings", args=[plan.pk])).status_code == 404
    response = client.post(reverse("scoring:save", args=[plan.pk]), form(ON_TIME_ONLY))
    assert response.status_code == 404
    agency = ranked(plan)[0]["agency"]
    assert client.get(reverse("scoring:explanation", args=[plan.pk, agency])).status_code == 404


def test_publishing_and_withdrawing_from_the_page(
    plan: Plan, coordinator: User, client: Client
) -> None:
    staff = signed_in(coordinator)
    portal = reverse("portal:ranking", args=[plan.pk])
    assert 'data-testid="not-published"' in client.get(portal).content.decode()
    staff.post(reverse("scoring:publish", args=[plan.pk]))
    publication = RankingPublication.objects.get(plan=plan)
    shown = client.get(portal).content.decode()
    assert 'data-testid="ranking"' in shown
    assert ranked(plan)[0]["name"] in shown
    # A withdrawal needs its reason.
    refused = staff.post(reverse("scoring:withdraw", args=[plan.pk, publication.pk]), {})
    assert "Lý do thu hồi" in staff.get(refused.url).content.decode()
    assert 'data-testid="ranking"' in client.get(portal).content.decode()
    staff.post(
        reverse("scoring:withdraw", args=[plan.pk, publication.pk]),
        {"reason": "Số liệu chưa đầy đủ."},
    )
    assert 'data-testid="not-published"' in client.get(portal).content.decode()
    page = staff.get(reverse("scoring:settings", args=[plan.pk])).content.decode()
    assert "Số liệu chưa đầy đủ." in page


def test_a_withdrawal_of_another_plan_s_publication_is_not_found(
    plan: Plan, coordinator: User, import_gold: Any
) -> None:
    publication = publish_ranking(plan, by=coordinator, now=timezone.now())
    other = import_gold("003_de113db257313a93.json")
    response = signed_in(coordinator).post(
        reverse("scoring:withdraw", args=[other.pk, publication.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    publication.refresh_from_db()
    assert publication.withdrawn_at is None


def test_an_agency_s_score_explains_itself_to_a_leader(plan: Plan, leader: User) -> None:
    row = ranked(plan)[0]
    html = (
        signed_in(leader)
        .get(reverse("scoring:explanation", args=[plan.pk, row["agency"]]))
        .content.decode()
    )
    assert row["name"] in html
    assert row["why"] in html
    assert 'data-testid="part-on_time"' in html
    due = [line for line in row["lines"] if line["component"] == "on_time"]
    assert due
    task = plan.tasks.get(pk=due[0]["id"])
    assert task.code in html
    assert due[0]["note"] in html


def test_an_agency_not_in_the_ranking_is_not_found(plan: Plan, leader: User) -> None:
    response = signed_in(leader).get(reverse("scoring:explanation", args=[plan.pk, 999999]))
    assert response.status_code == 404


def test_the_public_explanation_waits_for_publication_and_hides_confidential_tasks(
    plan: Plan, coordinator: User, client: Client
) -> None:
    row = ranked(plan)[0]
    due = [line for line in row["lines"] if line["kind"] == "task"]
    secret = plan.tasks.get(pk=due[0]["id"])
    url = reverse("portal:score_explanation", args=[plan.pk, row["agency"]])
    assert 'data-testid="not-published"' in client.get(url).content.decode()
    publish_ranking(plan, by=coordinator, now=timezone.now())
    agency_page = client.get(reverse("portal:agency_detail", args=[plan.pk, row["agency"]]))
    assert f'href="{url}"' in agency_page.content.decode()
    # Made confidential after the publication: still counted, no longer named.
    type(secret).objects.filter(pk=secret.pk).update(confidential=True)
    html = client.get(url).content.decode()
    assert row["name"] in html
    assert "(nhiệm vụ mật)" in html
    assert secret.title[:60] not in html
    unknown = reverse("portal:score_explanation", args=[plan.pk, 999999])
    assert client.get(unknown).status_code == 404


SHOWN = ("agency", "name", "rank", "tied", "score", "band", "band_label", "colour")


def test_the_ranking_now_is_read_a_page_at_a_time_its_shown_fields_alone(plan: Plan) -> None:
    """Ranking[a:b] is the stored ranking's slice cut to what the page shows, in order."""
    snapshot = PlanSnapshot.objects.get(plan=plan, as_of=timezone.localdate())
    stored = snapshot.results["ranking"]
    assert len(stored) >= 3
    expected = [{name: row[name] for name in SHOWN} for row in stored]
    ranking = Ranking(snapshot)
    assert ranking[0:2] == expected[0:2]
    assert ranking[1 : len(stored) + 5] == expected[1:]
    assert ranking[len(stored) : len(stored) + 3] == []
    assert ranking.period == snapshot.results["period"]["label"]


def test_the_scoring_page_never_reads_the_snapshot_s_whole_results(
    plan: Plan, leader: User
) -> None:
    """The page reads the ranking rows it shows, not the stored results (tasks, indicators,
    summaries, every agency's score lines) that grow with the plan: not even their ranking
    or their period, each of which SQLite read by parsing the whole stored JSON (issue 15)."""
    client = signed_in(leader)
    url = reverse("scoring:settings", args=[plan.pk])
    whole = re.compile(r'(SELECT |, )"snapshots_plansnapshot"\."results"( FROM|,)')
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert ranked(plan)[0]["name"] in html
    assert not [q["sql"] for q in queries if whole.search(q["sql"])]
    table = f'"{PlanSnapshot._meta.db_table}"'
    assert not [q["sql"] for q in queries if table in q["sql"] and "results" in q["sql"]]

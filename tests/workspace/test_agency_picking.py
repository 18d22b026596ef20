"""Choosing a plan's agencies on the forms that would otherwise list them all (the ad-hoc
round, the directive, the reopenings of a locked round, on its page and on the review page)
and the scoring page's ranking, at a ministry's scale: the endpoint finds only the plan's
agencies, for whoever may fill in the form; the forms store the agencies chosen, refuse a
forged one by name and store nothing; without JavaScript, the search button reloads the form
with the matches; and a page costs as many statements, and lists as many agencies, with sixty
more agencies in the plan."""

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

from tests.builders import agency_of, lead_tasks, open_round_now, org, signed_in
from theodoi.directives.models import Directive
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.models import AgencyRole, Plan, TaskAgency
from theodoi.reporting.models import AdHocRound, ReportingRound, RoundReopening
from theodoi.reporting.round_changes import ad_hoc_agencies, lock_round_early
from theodoi.reporting.rounds import reopen_round_for
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db

MORE = 60
MARK = "Thử Nghiệm"
HOUR = datetime.timedelta(hours=1)


def more_agencies(plan: Plan, count: int = MORE) -> list[Organisation]:
    """``count`` communes of Đồng Tháp, each leading one of the plan's tasks."""
    province = org("dong-thap")
    tasks = list(plan.tasks.filter(archived_at__isnull=True).order_by("pk"))
    made = []
    for i in range(count):
        commune = Organisation.objects.create(
            name=f"Ủy ban nhân dân xã {MARK} {i + 1}",
            kind=OrganisationKind.COMMUNE,
            parent=province,
        )
        TaskAgency.objects.create(
            task=tasks[i % len(tasks)],
            name=commune.name,
            organisation=commune,
            role=AgencyRole.LEAD,
            position=50 + i,
        )
        made.append(commune)
    return made


def statements(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def found(client: Any, plan: Plan, purpose: str, query: str) -> list[dict[str, Any]]:
    url = reverse("workspace:plan_find_agencies", args=[plan.pk])
    response = client.get(url, {"q": query, "cho": purpose})
    assert response.status_code == 200
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_the_endpoint_finds_only_the_plan_s_agencies(
    tien_giang_plan: Plan, coordinator: User, other_coordinator: User, leader: User
) -> None:
    communes = more_agencies(tien_giang_plan, 3)
    # Another province's commune of the same name is no agency of the plan.
    Organisation.objects.create(
        name=communes[1].name, kind=OrganisationKind.COMMUNE, parent=org("quang-ngai")
    )
    client = signed_in(coordinator)
    results = found(client, tien_giang_plan, "dot-xuat", "thu nghiem 2")
    assert [r["id"] for r in results] == [communes[1].pk]
    assert results[0]["label"] == f"{communes[1].name} (Đồng Tháp)"
    named = set(ad_hoc_agencies(tien_giang_plan).values_list("pk", flat=True))
    assert {r["id"] for r in found(client, tien_giang_plan, "dot-xuat", "so")} <= named
    assert found(client, tien_giang_plan, "dot-xuat", "") == []
    # The directive's agencies, to a leader; the ad-hoc round's are the coordinator's only.
    assert [r["id"] for r in found(signed_in(leader), tien_giang_plan, "chi-dao", "nghiem 3")] == [
        communes[2].pk
    ]
    url = reverse("workspace:plan_find_agencies", args=[tien_giang_plan.pk])
    assert signed_in(leader).get(url, {"q": "so", "cho": "dot-xuat"}).status_code == 403
    assert client.get(url, {"q": "so", "cho": "khac"}).status_code == 404
    # Another province's coordinator does not learn that the plan exists.
    other = signed_in(other_coordinator)
    assert other.get(url, {"q": "so", "cho": "dot-xuat"}).status_code == 404


def test_the_ad_hoc_round_stores_the_agencies_chosen_and_refuses_a_forged_one(
    tien_giang_plan: Plan, coordinator: User, reporter: User
) -> None:
    client = signed_in(coordinator)
    url = reverse("reporting:round_ad_hoc", args=[tien_giang_plan.pk])
    data = {"title": "Báo cáo đột xuất", "reason": "Yêu cầu của Tỉnh ủy.", "deadline": later(7)}
    foreign = Organisation.objects.create(
        name="Sở Y tế", kind=OrganisationKind.DEPARTMENT, parent=org("quang-ngai")
    )
    for forged in (str(foreign.pk), "999999"):
        response = client.post(url, {**data, "organisations": [forged]})
        assert response.status_code == 400
        page = response.content.decode()
        assert "không có tên trong nhiệm vụ nào của kế hoạch này" in page
        assert f"mã {forged}" in page
    assert not AdHocRound.objects.exists()

    agency = agency_of(reporter)
    response = client.post(url, {**data, "organisations": [str(agency.pk)]})
    assert response.status_code == 302
    ad_hoc = AdHocRound.objects.get()
    assert list(ad_hoc.organisations.all()) == [agency]
    assert set(ad_hoc.tasks.all()) == set(lead_tasks(tien_giang_plan, reporter)) | set(
        tien_giang_plan.tasks.filter(agencies__organisation=agency)
    )


def test_without_javascript_the_search_button_reloads_the_form_with_the_matches(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    communes = more_agencies(tien_giang_plan, 12)
    client = signed_in(coordinator)
    url = reverse("reporting:round_ad_hoc", args=[tien_giang_plan.pk])
    data = {"title": "Báo cáo đột xuất", "deadline": later(7)}
    response = client.post(
        url,
        {**data, "organisations": [str(communes[0].pk)], "tim_co_quan": "nghiem 11", "tim": "1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Báo cáo đột xuất"' in page
    # The one chosen stays ticked, the match is offered, the other communes are not listed.
    assert re.search(rf'value="{communes[0].pk}"[^>]* checked', page)
    assert communes[10].name in page
    assert communes[5].name not in page
    assert not AdHocRound.objects.exists()
    nobody = client.post(url, {**data, "tim_co_quan": "không có ai", "tim": "1"})
    assert (
        "Không tìm thấy cơ quan nào của kế hoạch này theo “không có ai”" in nobody.content.decode()
    )

    response = client.post(
        url, {**data, "organisations": [str(communes[0].pk), str(communes[10].pk)]}
    )
    assert response.status_code == 302
    assert set(AdHocRound.objects.get().organisations.all()) == {communes[0], communes[10]}


def test_a_directive_goes_to_the_agency_chosen_and_a_forged_one_is_refused(
    tien_giang_plan: Plan, leader: User
) -> None:
    (commune,) = more_agencies(tien_giang_plan, 1)
    client = signed_in(leader)
    url = reverse("directives:new", args=[tien_giang_plan.pk])
    text = "Đề nghị báo cáo tiến độ trước 31/12."
    foreign = Organisation.objects.create(
        name=commune.name, kind=OrganisationKind.COMMUNE, parent=org("quang-ngai")
    )
    response = client.post(url, {"agency": str(foreign.pk), "text": text, "due": later(9)})
    assert response.status_code == 400
    assert "không thực hiện nhiệm vụ hay chỉ tiêu nào của kế hoạch này" in (
        response.content.decode()
    )
    assert not Directive.objects.exists()

    searched = client.post(
        url, {"text": text, "due": later(9), "tim_co_quan": "thu nghiem", "tim": "1"}
    )
    assert searched.status_code == 200
    assert commune.name in searched.content.decode()
    assert not Directive.objects.exists()

    response = client.post(url, {"agency": str(commune.pk), "text": text, "due": later(9)})
    assert response.status_code == 302
    assert Directive.objects.get().agency == commune


@pytest.mark.parametrize("page", ["round_ad_hoc", "directive", "scoring"])
def test_sixty_more_agencies_cost_no_statement_and_are_not_listed(
    tien_giang_plan: Plan,
    coordinator: User,
    leader: User,
    django_assert_max_num_queries: Any,
    page: str,
) -> None:
    plan = tien_giang_plan
    open_round_now(plan, by=coordinator)
    url, person = {
        "round_ad_hoc": (reverse("reporting:round_ad_hoc", args=[plan.pk]), coordinator),
        "directive": (reverse("directives:new", args=[plan.pk]), leader),
        "scoring": (reverse("scoring:settings", args=[plan.pk]), leader),
    }[page]
    client = signed_in(person)
    rebuild_snapshot(plan, as_of=timezone.localdate(), now=timezone.now())
    before = statements(client, url)

    more_agencies(plan)
    rebuild_snapshot(plan, as_of=timezone.localdate(), now=timezone.now())
    with django_assert_max_num_queries(before):
        html = client.get(url).content.decode()
    listed = html.count(MARK)
    if page == "scoring":
        # A page of the ranking: fifty agencies at most, the rest on the next pages.
        assert 0 < listed <= 50
        assert "trang=2" in html
        second = client.get(url, {"trang": "2"}).content.decode()
        assert "trang=1" in second
        assert listed + second.count(MARK) == MORE
    else:
        assert listed == 0


def locked_round(plan: Plan, coordinator: User) -> ReportingRound:
    round_ = open_round_now(plan, by=coordinator)
    return lock_round_early(round_, by=coordinator, now=timezone.now())


def test_reopening_a_locked_round_for_agencies_chosen_refuses_a_forged_one(
    tien_giang_plan: Plan, coordinator: User, reporter: User
) -> None:
    round_ = locked_round(tien_giang_plan, coordinator)
    client = signed_in(coordinator)
    url = reverse("reporting:round_reopen_agencies", args=[round_.pk])
    until = later(3)
    foreign = Organisation.objects.create(
        name="Sở Y tế", kind=OrganisationKind.DEPARTMENT, parent=org("quang-ngai")
    )
    for forged in (str(foreign.pk), "999999"):
        response = client.post(url, {"organisations": [forged], "until": until})
        assert response.status_code == 400
        page = response.content.decode()
        assert "không có tên trong nhiệm vụ hay chỉ tiêu nào của kế hoạch này" in page
        assert f"mã {forged}" in page
    assert not RoundReopening.objects.exists()

    agency = agency_of(reporter)
    response = client.post(url, {"organisations": [str(agency.pk)], "until": until})
    assert response.status_code == 302
    assert [r.organisation for r in round_.reopenings.all()] == [agency]


def test_without_javascript_the_reopening_s_search_reloads_the_form_with_the_matches(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    communes = more_agencies(tien_giang_plan, 12)
    round_ = locked_round(tien_giang_plan, coordinator)
    client = signed_in(coordinator)
    url = reverse("reporting:round_reopen_agencies", args=[round_.pk])
    until = later(3)
    response = client.post(
        url,
        {
            "organisations": [str(communes[0].pk)],
            "until": until,
            "tim_co_quan": "nghiem 11",
            "tim": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{until}"' in page
    assert re.search(rf'value="{communes[0].pk}"[^>]* checked', page)
    assert communes[10].name in page
    assert communes[5].name not in page
    assert not RoundReopening.objects.exists()
    # The endpoint finds the plan's agencies for the reopening, to its coordinator alone.
    assert [r["id"] for r in found(client, tien_giang_plan, "mo-lai", "nghiem 11")] == [
        communes[10].pk
    ]
    response = client.post(
        url, {"organisations": [str(communes[0].pk), str(communes[10].pk)], "until": until}
    )
    assert response.status_code == 302
    assert {r.organisation for r in round_.reopenings.all()} == {communes[0], communes[10]}


def test_the_locked_round_s_page_lists_no_more_agencies_with_sixty_more(
    tien_giang_plan: Plan, coordinator: User, leader: User, django_assert_max_num_queries: Any
) -> None:
    round_ = locked_round(tien_giang_plan, coordinator)
    client = signed_in(coordinator)
    url = reverse("reporting:round_manage", args=[round_.pk])
    before = statements(client, url)
    more_agencies(tien_giang_plan)
    with django_assert_max_num_queries(before):
        html = client.get(url).content.decode()
    assert "Mở lại kỳ báo cáo cho các đơn vị được chọn" in html
    assert html.count(MARK) == 0
    finder = reverse("workspace:plan_find_agencies", args=[tien_giang_plan.pk])
    assert signed_in(leader).get(finder, {"q": "so", "cho": "mo-lai"}).status_code == 403


def test_the_review_page_s_reopening_lists_no_agency_and_costs_the_same_with_sixty_more(
    tien_giang_plan: Plan, coordinator: User, django_assert_max_num_queries: Any
) -> None:
    round_ = locked_round(tien_giang_plan, coordinator)
    (first,) = more_agencies(tien_giang_plan, 1)
    reopen_round_for(
        round_, first, by=coordinator, until=timezone.now() + HOUR * 24, now=timezone.now()
    )
    client = signed_in(coordinator)
    url = reverse("reporting:review", args=[round_.pk])
    before = statements(client, url)
    more_agencies(tien_giang_plan)
    with django_assert_max_num_queries(before):
        html = client.get(url).content.decode()
    assert "Mở lại kỳ báo cáo cho một đơn vị" in html
    # The agency it is reopened for is named in the list of reopenings, and no other.
    assert html.count(MARK) == 1
    assert 'name="organisation"' not in html


def test_the_review_page_reopens_for_the_agency_picked_and_refuses_a_forged_one(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    communes = more_agencies(tien_giang_plan, 12)
    round_ = locked_round(tien_giang_plan, coordinator)
    client = signed_in(coordinator)
    url = reverse("reporting:round_reopen", args=[round_.pk])
    until = later(3)
    # Without JavaScript, the search button shows the review page with the match to tick.
    response = client.post(url, {"until": until, "tim_co_quan": "nghiem 11", "tim": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xem xét báo cáo" in page
    assert f'value="{until}"' in page
    assert re.search(rf'type="radio" name="organisation" value="{communes[10].pk}"', page)
    assert communes[5].name not in page
    # The agencies found are named with their province, without a statement for each.
    with CaptureQueriesContext(connection) as captured:
        many = client.post(url, {"until": until, "tim_co_quan": "thu nghiem", "tim": "1"})
    assert many.content.decode().count(" (Đồng Tháp)</label>") == 12
    one_by_one = [q for q in captured if re.search(r'"orgs_organisation"\."id" = \d+', q["sql"])]
    assert one_by_one == []
    nobody = client.post(url, {"until": until, "tim_co_quan": "không có ai", "tim": "1"})
    assert "Không tìm thấy cơ quan nào của kế hoạch này theo “không có ai”" in (
        nobody.content.decode()
    )
    assert not RoundReopening.objects.exists()

    foreign = Organisation.objects.create(
        name="Sở Y tế", kind=OrganisationKind.DEPARTMENT, parent=org("quang-ngai")
    )
    for forged in (str(foreign.pk), "999999"):
        response = client.post(url, {"organisation": forged, "until": until})
        assert response.status_code == 400
        page = response.content.decode()
        assert "không có tên trong nhiệm vụ hay chỉ tiêu nào của kế hoạch này" in page
        assert f"mã {forged}" in page
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Chọn đơn vị để mở lại kỳ báo cáo." in response.content.decode()
    assert "Nhập ngày mở lại đến hết." in response.content.decode()
    assert not RoundReopening.objects.exists()

    response = client.post(url, {"organisation": str(communes[10].pk), "until": until})
    assert response.status_code == 302
    assert [r.organisation for r in round_.reopenings.all()] == [communes[10]]

"""The links page of a plan and the coverage page of 03/NQ-CP (issue 12): who reads, who
decides, what each decision leaves in the audit log, and what each scope sees."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.builders import NOW, signed_in
from theodoi.audit.models import AuditEntry
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.linking import confirm_task_link
from theodoi.plans.models import LinkBasis, LinkState, Plan, Task, TaskLink
from theodoi.reporting.national import load_national_plan
from theodoi.workspace.coverage.reading import find_higher

PLATFORM = "nền tảng đào tạo trực tuyến mở đại trà"


@pytest.fixture
def national(orgs: None) -> Plan:
    return load_national_plan(by=None, now=NOW)


@pytest.fixture
def province_plan(national: Plan, tien_giang_plan: Plan) -> Plan:
    """Tiền Giang's 69/KH-UBND, published after 03/NQ-CP: its tasks have suggestions."""
    return tien_giang_plan


@pytest.fixture
def platform(province_plan: Plan) -> Task:
    return province_plan.tasks.get(title__contains=PLATFORM)


@pytest.fixture
def suggestion(platform: Task) -> TaskLink:
    """The surest suggestion for the online training platform: national task 11."""
    link = TaskLink.objects.filter(task=platform).order_by("-score").first()
    assert link is not None
    assert link.higher.code.endswith("11")
    return link


def links_url(plan: Plan) -> str:
    return reverse("coverage:plan_links", args=[plan.pk])


def decide(client: Client, link: TaskLink, action: str) -> int:
    url = reverse("coverage:link_decide", args=[link.task.plan_id])
    return client.post(url, {"link": str(link.pk), "action": action}).status_code


def test_the_links_page_shows_each_suggestion_with_its_basis(
    coordinator: User, province_plan: Plan, suggestion: TaskLink
) -> None:
    page = signed_in(coordinator).get(links_url(province_plan)).content.decode()
    assert "Liên kết với nhiệm vụ cấp trên" in page
    assert suggestion.higher.title[:40] in page
    assert f"tên nhiệm vụ tương đồng ({suggestion.score:.2f}".replace(".", ",") in page
    assert "Xác nhận" in page


def test_the_plan_page_links_to_its_links_page(coordinator: User, province_plan: Plan) -> None:
    page = signed_in(coordinator).get(reverse("workspace:plan_detail", args=[province_plan.pk]))
    assert links_url(province_plan) in page.content.decode()


def test_confirming_a_suggestion_is_stored_and_audited(
    coordinator: User, suggestion: TaskLink
) -> None:
    client = signed_in(coordinator)
    assert decide(client, suggestion, "confirm") == 302
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decided_by) == (LinkState.CONFIRMED, coordinator)
    entry = AuditEntry.objects.get(action="plans.link.confirmed")
    assert entry.by == coordinator
    assert entry.after is not None
    assert entry.after["higher"] == suggestion.higher.code
    page = client.get(links_url(suggestion.task.plan)).content.decode()
    assert f"Đã xác nhận liên kết: nhiệm vụ {suggestion.task.code}" in page


def test_rejecting_a_suggestion_is_stored_and_audited(
    coordinator: User, suggestion: TaskLink
) -> None:
    assert decide(signed_in(coordinator), suggestion, "reject") == 302
    suggestion.refresh_from_db()
    assert suggestion.state == LinkState.REJECTED
    assert AuditEntry.objects.filter(action="plans.link.rejected", by=coordinator).exists()


def test_another_province_s_coordinator_neither_sees_nor_decides(
    other_coordinator: User, province_plan: Plan, suggestion: TaskLink
) -> None:
    client = signed_in(other_coordinator)
    assert client.get(links_url(province_plan)).status_code == 404
    assert decide(client, suggestion, "confirm") == 404
    suggestion.refresh_from_db()
    assert suggestion.state == LinkState.SUGGESTED
    assert not AuditEntry.objects.filter(action="plans.link.confirmed").exists()


def test_the_inspector_reads_the_links_but_cannot_decide(
    inspector: User, province_plan: Plan, suggestion: TaskLink
) -> None:
    client = signed_in(inspector)
    page = client.get(links_url(province_plan)).content.decode()
    assert suggestion.higher.title[:40] in page
    assert 'value="confirm"' not in page
    assert decide(client, suggestion, "confirm") == 403
    suggestion.refresh_from_db()
    assert suggestion.state == LinkState.SUGGESTED


def test_a_reporter_does_not_open_the_links_page(reporter: User, province_plan: Plan) -> None:
    assert signed_in(reporter).get(links_url(province_plan)).status_code == 403


def test_a_link_of_another_plan_is_not_found_on_this_one(
    coordinator: User, national: Plan, suggestion: TaskLink
) -> None:
    url = reverse("coverage:link_decide", args=[national.pk])
    response = signed_in(coordinator).post(url, {"link": str(suggestion.pk), "action": "confirm"})
    # The coordinator of Đồng Tháp does not coordinate the national plan.
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == LinkState.SUGGESTED


def test_a_decision_that_is_neither_confirm_nor_reject_is_refused_by_name(
    coordinator: User, suggestion: TaskLink
) -> None:
    url = reverse("coverage:link_decide", args=[suggestion.task.plan_id])
    response = signed_in(coordinator).post(
        url, {"link": str(suggestion.pk), "action": "delete"}, follow=True
    )
    assert "Quyết định: “delete” không phải xác nhận hay bác bỏ." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == LinkState.SUGGESTED


def test_searching_the_higher_plan_finds_a_task_typed_without_diacritics(
    coordinator: User, province_plan: Plan, platform: Task
) -> None:
    response = signed_in(coordinator).get(
        links_url(province_plan), {"nhiem_vu": str(platform.pk), "tim": "dao tao truc tuyen mo"}
    )
    page = response.content.decode()
    assert "Gắn với nhiệm vụ này" in page
    assert "đào tạo trực tuyến mở" in page


def test_the_coordinator_links_a_task_to_a_higher_task_she_chose(
    coordinator: User, national: Plan, platform: Task
) -> None:
    higher = national.tasks.get(code__endswith=".140")
    url = reverse("coverage:link_choose", args=[platform.plan_id])
    response = signed_in(coordinator).post(
        url, {"task": str(platform.pk), "higher": str(higher.pk)}, follow=True
    )
    assert "Đã xác nhận liên kết" in response.content.decode()
    link = TaskLink.objects.get(task=platform, higher=higher)
    assert (link.state, link.basis) == (LinkState.CONFIRMED, LinkBasis.CHOSEN)
    assert AuditEntry.objects.filter(action="plans.link.confirmed", by=coordinator).exists()


def test_linking_to_a_task_of_a_plan_the_plan_does_not_implement_is_refused(
    coordinator: User, province_plan: Plan, platform: Task
) -> None:
    own = province_plan.tasks.exclude(pk=platform.pk).first()
    assert own is not None
    url = reverse("coverage:link_choose", args=[province_plan.pk])
    response = signed_in(coordinator).post(
        url, {"task": str(platform.pk), "higher": str(own.pk)}, follow=True
    )
    assert "thuộc một kế hoạch mà" in response.content.decode()
    assert "không thực hiện" in response.content.decode()
    assert not TaskLink.objects.filter(task=platform, higher=own).exists()


def test_a_higher_task_that_is_not_a_number_is_refused_by_name(
    coordinator: User, platform: Task
) -> None:
    url = reverse("coverage:link_choose", args=[platform.plan_id])
    response = signed_in(coordinator).post(
        url, {"task": str(platform.pk), "higher": "11; DROP"}, follow=True
    )
    assert "Nhiệm vụ cấp trên: “11; DROP” không phải nhiệm vụ bạn được chọn." in (
        response.content.decode()
    )
    assert not TaskLink.objects.filter(task=platform, state=LinkState.CONFIRMED).exists()


def test_the_national_task_shows_the_progress_of_the_tasks_that_carry_it_out(
    leader: User, national: Plan, suggestion: TaskLink
) -> None:
    confirm_task_link(suggestion, by=None, now=NOW)
    page = signed_in(leader).get(links_url(national)).content.decode()
    assert "1 nhiệm vụ cấp dưới, 0 hoàn thành" in page
    assert f"69/KH-UBND · {suggestion.task.code}" in page


# --- the coverage page ---------------------------------------------------------------------


def coverage(user: User, **query: str) -> str:
    return signed_in(user).get(reverse("coverage:coverage"), query).content.decode()


def test_the_coverage_page_shows_a_province_s_uptake_to_its_coordinator(
    coordinator: User, suggestion: TaskLink
) -> None:
    confirm_task_link(suggestion, by=coordinator, now=NOW)
    page = coverage(coordinator)
    assert "Mức độ triển khai 03/NQ-CP" in page
    assert "<strong>Đồng Tháp</strong>" in page
    assert f"69/KH-UBND · {suggestion.task.code}" in page
    # Its own province only: no other province to choose, none listed as missing.
    assert 'name="tinh"' not in page
    assert "Quảng Ngãi" not in page


def test_the_tasks_nobody_has_taken_up_come_first(coordinator: User, suggestion: TaskLink) -> None:
    confirm_task_link(suggestion, by=coordinator, now=NOW)
    page = coverage(coordinator)
    first_taken = page.index("<strong>Đồng Tháp</strong>")
    assert page.index("chưa có ai") < first_taken
    assert 'class="nobody"' not in page[first_taken:]


def test_another_province_does_not_see_the_uptake(
    other_coordinator: User, suggestion: TaskLink
) -> None:
    confirm_task_link(suggestion, by=None, now=NOW)
    page = coverage(other_coordinator)
    assert "Quảng Ngãi" in page
    assert "Đồng Tháp" not in page
    assert f"69/KH-UBND · {suggestion.task.code}" not in page


def test_the_nation_sees_every_province_and_filters_by_one(
    national_leader: User, suggestion: TaskLink
) -> None:
    confirm_task_link(suggestion, by=None, now=NOW)
    page = coverage(national_leader)
    assert "<strong>Đồng Tháp</strong>" in page
    ministries = Organisation.objects.filter(kind=OrganisationKind.MINISTRY, active=True).count()
    # Every one of the 34 provinces and every ministry, besides "all".
    assert page.count("<option value=") == 1 + 34 + ministries
    dong_thap = suggestion.task.plan.province.current(NOW.date())  # type: ignore[union-attr]
    quang_ngai = coverage(national_leader, tinh=str(dong_thap.pk + 10_000))
    assert "không phải một lựa chọn của bạn" in quang_ngai
    only = coverage(national_leader, tinh=str(dong_thap.pk))
    assert f"69/KH-UBND · {suggestion.task.code}" in only
    assert "Bộ Công an" not in only.split("</select>")[1]


def test_a_reporter_does_not_open_the_coverage_page(reporter: User, national: Plan) -> None:
    assert signed_in(reporter).get(reverse("coverage:coverage")).status_code == 403


def test_a_search_finds_the_words_in_a_row_first_and_whole_words_only(
    coordinator: User, national: Plan, province_plan: Plan, platform: Task
) -> None:
    found = find_higher(province_plan, "nhan luc so")
    assert found[0].code.endswith(".119")  # "… hạ tầng số, nhân lực số, dữ liệu số …"
    assert all("nhân lực" in task.title for task in found)
    assert [task.code for task in find_higher(province_plan, "119")] == ["PL2.119"]
    assert find_higher(province_plan, "   ") == []


def test_the_links_page_narrows_to_the_tasks_left_to_decide(
    coordinator: User, province_plan: Plan, suggestion: TaskLink
) -> None:
    client = signed_in(coordinator)
    assert decide(client, suggestion, "confirm") == 302
    page = client.get(links_url(province_plan), {"chi": "cho-quyet-dinh"}).content.decode()
    assert f'id="task-{suggestion.task_id}"' not in page
    assert "Hiện tất cả nhiệm vụ" in page
    linked = client.get(links_url(province_plan), {"chi": "da-lien-ket"}).content.decode()
    assert linked.count('<tr id="task-') == 1
    wrong = client.get(links_url(province_plan), {"chi": "tat-ca<b>"}).content.decode()
    assert "Hiển thị: “tat-ca&lt;b&gt;” không phải lựa chọn hợp lệ." in wrong


def test_the_inspector_s_read_of_a_confidential_task_on_the_coverage_page_is_audited(
    inspector: User, suggestion: TaskLink
) -> None:
    Task.objects.filter(pk=suggestion.task_id).update(confidential=True)
    confirm_task_link(suggestion, by=None, now=NOW)
    page = coverage(inspector)
    assert f"69/KH-UBND · {suggestion.task.code}" in page
    entry = AuditEntry.objects.get(action="plans.task.confidential_read")
    assert (entry.by, entry.object_id) == (inspector, str(suggestion.task_id))

"""The people in charge: named on a task's page by the agency's reporter or the coordinator,
their figures shown to the leaders and coordinators of the scope, and to nobody else."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.builders import AS_OF, REVIEWED, agency_of, make_persona, signed_in
from tests.workspace.people.conftest import DONE, assignment_of
from theodoi.audit.actions import Action
from theodoi.audit.log import entries_for
from theodoi.audit.models import AuditEntry
from theodoi.caching import forget_everything
from theodoi.orgs.accounts import update_profile
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import deactivate_person
from theodoi.plans.models import Plan, Task, TaskAgency
from theodoi.reporting.models import TaskUpdate
from theodoi.reporting.people import set_people_in_charge
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot
from theodoi.workspace.people.figures import people_in_charge

pytestmark = pytest.mark.django_db


def row_of(html: str, person: User, capacity: str) -> list[str]:
    """The cells of a person's row on the people page, as text."""
    found = re.search(
        rf'<tr data-person="{person.pk}" data-capacity="{capacity}">(.*?)</tr>', html, re.S
    )
    assert found, f"no row for {person} as {capacity}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    ]


@pytest.fixture
def first(tien_giang_plan: Plan, reporter_org: Organisation) -> TaskAgency:
    return assignment_of(tien_giang_plan, "PL2.29", reporter_org)


def post_people(
    client: Client, assignment: TaskAgency, officer: object = "", leader: object = ""
) -> Any:
    prefix = f"a{assignment.pk}"
    return client.post(
        reverse("people:task_people", kwargs={"task_id": assignment.task_id}),
        {"assignment": assignment.pk, f"{prefix}-officer": officer, f"{prefix}-leader": leader},
    )


def test_the_reporter_names_the_officer_on_the_task_page(
    first: TaskAgency, reporter: User, officer: User, deputy: User
) -> None:
    client = signed_in(reporter)
    response = post_people(client, first, officer.pk, deputy.pk)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.officer, first.leader) == (officer, deputy)
    page = client.get(response.url).content.decode()
    assert f'<option value="{officer.pk}" selected>Nguyễn Văn An</option>' in page
    assert "Đã lưu người phụ trách" in page
    # The plan names Sở Thông tin và Truyền thông; the page says who carries its work today.
    assert "Nay là: Sở Khoa học và Công nghệ (Đồng Tháp)" in page
    assert entries_for(first.task).filter(action=Action.TASK_PEOPLE_SET, by=reporter).exists()


def test_a_forged_officer_of_another_agency_is_refused_in_vietnamese_and_nothing_is_stored(
    first: TaskAgency, reporter: User, other_reporter: User
) -> None:
    response = post_people(signed_in(reporter), first, other_reporter.pk)
    assert response.status_code == 400
    assert "Cán bộ phụ trách: soyte không phải là người của Sở Khoa học và Công nghệ." in (
        response.content.decode()
    )
    first.refresh_from_db()
    assert first.officer is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("999999", "Cán bộ phụ trách: không có người dùng nào mang số 999999."),
        ("abc", "Hãy chọn một người trong danh sách."),
        ("-1", "Hãy chọn một người trong danh sách."),
        ("99999999999999999999", "Hãy chọn một người trong danh sách."),
    ],
)
def test_a_bad_officer_number_is_named(
    first: TaskAgency, reporter: User, value: str, message: str
) -> None:
    response = post_people(signed_in(reporter), first, value)
    assert response.status_code == 400
    assert message in response.content.decode()
    first.refresh_from_db()
    assert first.officer is None


def test_the_coordinator_may_name_them_and_a_leader_only_reads_them(
    first: TaskAgency, coordinator: User, leader: User, officer: User
) -> None:
    assert post_people(signed_in(coordinator), first, officer.pk).status_code == 302
    page = signed_in(leader).get(reverse("people:task_people", kwargs={"task_id": first.task_id}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nguyễn Văn An" in html
    assert '<form method="post" novalidate>' not in html
    assert post_people(signed_in(leader), first, "").status_code == 403


def test_a_reporter_of_another_agency_and_another_province_s_coordinator_get_404(
    first: TaskAgency, other_reporter: User, other_coordinator: User, officer: User
) -> None:
    url = reverse("people:task_people", kwargs={"task_id": first.task_id})
    for outsider in (other_reporter, other_coordinator):
        assert signed_in(outsider).get(url).status_code == 404
        assert post_people(signed_in(outsider), first, officer.pk).status_code == 404
    first.refresh_from_db()
    assert first.officer is None


def test_the_people_page_gives_each_person_s_figures(
    people_named: PlanSnapshot, coordinator: User, officer: User, deputy: User
) -> None:
    html = signed_in(coordinator).get(reverse("people:people")).content.decode()
    # Person, capacity, agency, tasks, due, done, on time, overdue, completion.
    assert row_of(html, officer, "officer") == [
        "Nguyễn Văn An",
        "Cán bộ phụ trách",
        "Sở Khoa học và Công nghệ",
        "2",
        "2",
        "1",
        "0",
        "1",
        "50%",
    ]
    assert row_of(html, deputy, "leader")[3:] == ["1", "1", "1", "0", "0", "100%"]
    # The deputy's leader's membership of Sở KH&CN makes her a head of the agency: all the
    # tasks it leads.
    head = row_of(html, deputy, "head")
    assert head[1] == "Người đứng đầu cơ quan"
    assert int(head[3]) > 2


def test_a_person_s_page_lists_the_tasks_behind_the_figures(
    people_named: PlanSnapshot, leader: User, officer: User
) -> None:
    html = (
        signed_in(leader)
        .get(reverse("people:person", kwargs={"in_charge_id": officer.pk}))
        .content.decode()
    )
    assert html.count('<td class="code"') == 2
    assert "PL2.29" in html
    assert "PL2.35" in html
    assert "Hoàn thành quá hạn" in html


def test_another_province_s_coordinator_finds_nobody_of_this_one(
    people_named: PlanSnapshot, other_coordinator: User, officer: User
) -> None:
    client = signed_in(other_coordinator)
    html = client.get(reverse("people:people")).content.decode()
    assert "Nguyễn Văn An" not in html
    person = reverse("people:person", kwargs={"in_charge_id": officer.pk})
    assert client.get(person).status_code == 404


def test_the_national_leader_sees_every_province_s_people(
    people_named: PlanSnapshot, national_leader: User, officer: User
) -> None:
    html = signed_in(national_leader).get(reverse("people:people")).content.decode()
    assert row_of(html, officer, "officer")[0] == "Nguyễn Văn An"


def test_reporters_and_the_public_never_see_the_figures(
    people_named: PlanSnapshot,
    reporter: User,
    client: Client,
    officer: User,
) -> None:
    assert signed_in(reporter).get(reverse("people:people")).status_code == 403
    assert client.get(reverse("people:people")).status_code == 302
    plan = people_named.plan
    portal = client.get(reverse("portal:plan_detail", kwargs={"plan_id": plan.pk}))
    assert "Nguyễn Văn An" not in portal.content.decode()


def test_one_person_s_rows_are_those_of_the_whole_list(
    people_named: PlanSnapshot, coordinator: User, officer: User, deputy: User
) -> None:
    today = timezone.localdate()
    everybody = people_in_charge(coordinator, as_of=today)
    for person in (officer, deputy):
        alone = people_in_charge(coordinator, as_of=today, person_id=person.pk)
        expected = [row for row in everybody if row.person.pk == person.pk]
        assert [(r.capacity, r.agency.pk, r.task_ids) for r in alone] == [
            (r.capacity, r.agency.pk, r.task_ids) for r in expected
        ]
        assert alone


def test_the_people_page_shows_a_changed_assignment_or_account_at_once(
    people_named: PlanSnapshot,
    coordinator: User,
    reporter: User,
    reporter_org: Organisation,
    officer: User,
    deputy: User,
) -> None:
    """Issue 15: the page is kept whole under what it shows, so no person stays named on a
    task taken from them, under an old name, or as the head of an agency once deactivated,
    and a leader granted the agency heads it on the next request."""
    client = signed_in(coordinator)

    def page() -> str:
        return str(client.get(reverse("people:people")).content.decode())

    assert row_of(page(), officer, "officer")[3] == "2"
    second = assignment_of(people_named.plan, "PL2.35", reporter_org)
    set_people_in_charge(second, officer=None, leader=None, by=reporter, now=REVIEWED)
    assert row_of(page(), officer, "officer")[3] == "1"
    update_profile(officer, name="Lê Thị Cúc", email="cuc@example.vn", now=REVIEWED)
    assert row_of(page(), officer, "officer")[0] == "Lê Thị Cúc"
    assert row_of(page(), deputy, "head")[1] == "Người đứng đầu cơ quan"
    deactivate_person(deputy, by=coordinator, now=REVIEWED)
    assert f'data-person="{deputy.pk}" data-capacity="head"' not in page()
    director = make_persona("gd.khcn", Role.LEADER, reporter_org)
    assert row_of(page(), director, "head")[1] == "Người đứng đầu cơ quan"


def test_the_figures_follow_a_rebuilt_evaluation(
    people_named: PlanSnapshot,
    coordinator: User,
    reporter_org: Organisation,
    officer: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    """Each evaluation's judgements are kept under its digest: a new one is counted at once."""
    client = signed_in(coordinator)
    assert row_of(client.get(reverse("people:people")).content.decode(), officer, "officer")[
        5:
    ] == ["1", "0", "1", "50%"]
    second = assignment_of(people_named.plan, "PL2.35", reporter_org)
    report_task(second.task, DONE, evidence=True)
    rebuild_snapshot(people_named.plan, as_of=AS_OF, now=REVIEWED)
    html = client.get(reverse("people:people")).content.decode()
    assert row_of(html, officer, "officer")[5:] == ["2", "0", "0", "100%"]


def test_the_people_page_costs_the_same_however_many_leaders_the_country_has(
    people_named: PlanSnapshot, coordinator: User, deputy: User
) -> None:
    """Every leader of the country was looked up with two statements of its own (issue 15:
    86 statements at 1×, 147 at 10×); the heads of bodies leading none of the reader's tasks
    add none, and the rows do not change."""
    client = signed_in(coordinator)

    def statements() -> tuple[int, list[str]]:
        forget_everything()  # the page is cached whole: count what rendering it costs
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("people:people")).content.decode()
        return len(captured.captured_queries), row_of(html, deputy, "head")

    before = statements()
    elsewhere = (
        Organisation.objects.filter(active=True)
        .exclude(code__startswith="dong-thap")
        .exclude(code__startswith="tien-giang")
    )
    for n, body in enumerate(elsewhere.order_by("code")[:6]):
        make_persona(f"lanhdao-khac-{n}", Role.LEADER, body)
    assert statements() == before


def test_a_person_s_page_is_kept_whole_and_shows_a_change_at_once(
    people_named: PlanSnapshot,
    coordinator: User,
    reporter: User,
    reporter_org: Organisation,
    officer: User,
    django_assert_max_num_queries: Any,
) -> None:
    """Issue 15: the person page read its rows, tasks and each plan's evaluation on every
    request (8.7 times the framework's floor); it is kept whole under the people page's key,
    so a hit reads the key alone, and an assignment taken away or a new name shows at once."""
    client = signed_in(coordinator)
    url = reverse("people:person", kwargs={"in_charge_id": officer.pk})

    def body() -> str:
        html = str(client.get(url).content.decode())
        return html[html.index('<main id="content"') :]

    first = body()
    assert first.count('<td class="code"') == 2
    with django_assert_max_num_queries(8):
        assert body() == first
    second = assignment_of(people_named.plan, "PL2.35", reporter_org)
    set_people_in_charge(second, officer=None, leader=None, by=reporter, now=REVIEWED)
    assert body().count('<td class="code"') == 1
    update_profile(officer, name="Lê Thị Cúc", email="cuc@example.vn", now=REVIEWED)
    assert "Lê Thị Cúc" in body()


def test_each_read_of_a_person_s_confidential_task_by_an_inspector_is_audited(
    people_named: PlanSnapshot, inspector: User, officer: User
) -> None:
    """Quy chế 08-QC/TW: a page kept whole must not hide a read of a confidential task by an
    inspection body granted them; each request is a read of its own."""
    secret = assignment_of(people_named.plan, "PL2.29", agency_of(officer)).task
    Task.objects.filter(pk=secret.pk).update(confidential=True)
    url = reverse("people:person", kwargs={"in_charge_id": officer.pk})
    reads = AuditEntry.objects.filter(action=Action.CONFIDENTIAL_READ, object_id=str(secret.pk))
    client = signed_in(inspector)
    for times in (1, 2):
        response = client.get(url)
        assert response.status_code == 200
        assert "PL2.29" in response.content.decode()
        assert reads.filter(by=inspector).count() == times

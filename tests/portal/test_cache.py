"""The public pages' cache keys on what a page shows: the tasks the public may read (by id),
never a count of the confidential ones, and the page's address without a query string; and
every public figure is counted from the tasks the page lists."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import AS_OF, REVIEWED, import_gold, signed_in
from theodoi import caching
from theodoi.plans.models import Plan, Task
from theodoi.plans.services import set_external_id, set_task_confidential
from theodoi.portal.cache import _front_sql, _version_sql
from theodoi.reporting.access import visible_tasks
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db


def page(client: Client, name: str, *args: object, query: str = "") -> str:
    response = client.get(reverse(f"portal:{name}", args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def two_tasks_of_one_agency(snapshot: PlanSnapshot) -> tuple[Task, Task, int]:
    """Two tasks led by the same agency whose titles no other task's title contains, so a
    page shows each title only where it lists that task."""
    leads = {t["id"]: t["lead"] for t in snapshot.results["tasks"]}
    tasks = list(snapshot.plan.tasks.order_by("position"))
    titles = [t.title for t in tasks]
    by_agency: dict[int, list[Task]] = {}
    for task in tasks:
        if leads.get(task.pk) and sum(task.title in other for other in titles) == 1:
            by_agency.setdefault(leads[task.pk][0], []).append(task)
    agency, (first, second, *_) = next((a, ts) for a, ts in by_agency.items() if len(ts) > 1)
    return first, second, agency


def csv_task_ids(text: str) -> set[int]:
    return {int(row["task_id"]) for row in csv.DictReader(io.StringIO(text))}


def test_swapping_which_task_is_confidential_changes_every_cached_page_at_once(
    client: Client, coordinator: User, evaluated: PlanSnapshot
) -> None:
    """Issue 9 item 11: 105 public and 104 confidential after 104 was public. As many tasks
    are confidential before as after, yet no page may go on showing 104."""
    plan = evaluated.plan
    was_public, was_secret, agency = two_tasks_of_one_agency(evaluated)
    set_task_confidential(was_secret, True, by=coordinator, now=REVIEWED)
    pk = plan.pk
    pages = (
        ("plan_detail", (pk,)),
        ("agency_detail", (pk, agency)),
        ("open_data_csv", (pk, "tasks")),
        ("open_data_json", (pk, "tasks")),
    )
    before = {name: page(client, name, *args) for name, args in pages}
    assert was_public.title in before["plan_detail"]
    assert was_public.title in before["agency_detail"]
    assert was_secret.title not in before["plan_detail"]
    assert was_public.pk in csv_task_ids(before["open_data_csv"])

    set_task_confidential(was_secret, False, by=coordinator, now=REVIEWED)
    set_task_confidential(was_public, True, by=coordinator, now=REVIEWED)

    after = {name: page(client, name, *args) for name, args in pages}
    for name in ("plan_detail", "agency_detail"):
        assert was_public.title not in after[name], name
        assert was_secret.title in after[name], name
    assert csv_task_ids(after["open_data_csv"]) == (
        csv_task_ids(before["open_data_csv"]) - {was_public.pk}
    ) | {was_secret.pk}
    assert f'"task_id": {was_public.pk},' not in after["open_data_json"]
    assert f'"task_id": {was_secret.pk},' in after["open_data_json"]


def _shown(html: str, testid: str) -> int:
    return int(re.search(rf'data-testid="{testid}">(\d+)<', html).group(1))


def test_the_public_figures_count_the_tasks_listed_once_a_task_is_made_confidential(
    client: Client, coordinator: User, evaluated: PlanSnapshot
) -> None:
    """Issue 9 item 11: 66 counted, 63 listed until the next rebuild. A task made
    confidential leaves the figures and the lists together, with no rebuild."""
    plan = evaluated.plan
    overdue = [t for t in evaluated.results["tasks"] if t["overdue"] and t["lead"]]
    hidden = Task.objects.get(pk=overdue[0]["id"])
    agency = overdue[0]["lead"][0]
    set_task_confidential(hidden, True, by=coordinator, now=REVIEWED)
    public = set(visible_tasks(AnonymousUser()).filter(plan=plan).values_list("pk", flat=True))
    judged = [t for t in evaluated.results["tasks"] if t["id"] in public]

    html = page(client, "plan_detail", plan.pk)
    assert _shown(html, "task-total") == html.count("<tr data-task=") == len(public)
    assert _shown(html, "overdue-total") == sum(t["overdue"] for t in judged)

    listed = page(client, "agency_detail", plan.pk, agency)
    assert _shown(listed, "task-total") == listed.count('<td class="code"')

    tasks_csv = page(client, "open_data_csv", plan.pk, "tasks")
    statuses = csv.DictReader(io.StringIO(page(client, "open_data_csv", plan.pk, "statuses")))
    whole_plan = [row for row in statuses if row["group_code"] == ""]
    assert sum(int(row["tasks"]) for row in whole_plan) == len(csv_task_ids(tasks_csv))

    home = page(client, "plan_list")
    row = home.split(reverse("portal:plan_detail", args=[plan.pk]))[1].split("</tr>")[0]
    assert re.findall(r'<td class="num"[^>]*>([^<]+)</td>', row)[0] == str(len(public))


def test_a_random_query_string_is_served_from_the_cached_page_and_stores_nothing(
    client: Client, evaluated: PlanSnapshot, django_assert_max_num_queries: object
) -> None:
    """Issue 10 item 8: any query string used to bypass the cache and store a new ~95 KB
    entry for 24 h. No cached page reads one: the same page, from the same entry."""
    pk = evaluated.plan.pk
    indicator = evaluated.plan.indicators.first().pk
    for name, args in (
        ("plan_detail", (pk,)),
        ("indicator_detail", (pk, indicator)),
        ("open_data_csv", (pk, "tasks")),
    ):
        warm = page(client, name, *args)
        queries = ("?x=1", "?utm_source=zalo&x=2", "?" + "a" * 300)
        # A hit costs the key's one statement; rendering the page costs dozens.
        with django_assert_max_num_queries(len(queries)):  # type: ignore[operator]
            for query in queries:
                assert page(client, name, *args, query=query) == warm


def test_the_key_names_the_tasks_the_public_may_read(tien_giang_plan: Plan) -> None:
    """The key's hand-written statement and ``visible_tasks`` say the same of every task,
    whether archived, confidential or neither."""
    tasks = list(tien_giang_plan.tasks.order_by("position")[:3])
    Task.objects.filter(pk=tasks[0].pk).update(confidential=True)
    Task.objects.filter(pk=tasks[1].pk).update(archived_at=REVIEWED)
    with connection.cursor() as cursor:
        pk = tien_giang_plan.pk
        cursor.execute(
            _version_sql(),
            [REVIEWED.date(), pk, tien_giang_plan.status, pk, False, pk, pk, "da_cong_khai"],
        )
        keyed = {row[1] for row in cursor.fetchall() if row[0] == 1}
    public = set(
        visible_tasks(AnonymousUser()).filter(plan=tien_giang_plan).values_list("pk", flat=True)
    )
    assert keyed == public
    assert tasks[2].pk in keyed
    assert not {tasks[0].pk, tasks[1].pk} & keyed


def _front_row(html: str, plan: Plan) -> list[str]:
    row = html.split(reverse("portal:plan_detail", args=[plan.pk]))[1].split("</tr>")[0]
    return re.findall(r'<td class="num"[^>]*>([^<]+)</td>', row)


def test_the_front_page_is_served_from_its_cache_whatever_the_query_string(
    client: Client, evaluated: PlanSnapshot, django_assert_max_num_queries: object
) -> None:
    """Issue 15: the front page (every plan's figures) was rendered on each request, 370 ms at
    national scale. A hit costs the key's one statement, whatever the query string."""
    warm = page(client, "plan_list")
    queries = ("", "?x=1", "?" + "a" * 300)
    with django_assert_max_num_queries(len(queries)):  # type: ignore[operator]
        for query in queries:
            assert page(client, "plan_list", query=query) == warm


def test_the_front_page_counts_a_task_made_confidential_at_once_and_a_rebuilt_snapshot(
    client: Client, coordinator: User, evaluated: PlanSnapshot
) -> None:
    """Its cache keys on the tasks the public may not read and on each plan's snapshot: a
    task made confidential leaves the count on the next request, with no rebuild; opened
    again, it is back; a rebuilt snapshot's figures are shown."""
    plan = evaluated.plan
    public = visible_tasks(AnonymousUser()).filter(plan=plan)
    before = _front_row(page(client, "plan_list"), plan)
    assert before[0] == str(public.count())
    task = public.order_by("position").first()
    set_task_confidential(task, True, by=coordinator, now=REVIEWED)
    assert _front_row(page(client, "plan_list"), plan)[0] == str(public.count())
    assert public.count() == int(before[0]) - 1
    set_task_confidential(task, False, by=coordinator, now=REVIEWED)
    assert _front_row(page(client, "plan_list"), plan) == before

    overdue = [t for t in evaluated.results["tasks"] if t["overdue"]]
    Task.objects.filter(pk=overdue[0]["id"]).update(archived_at=REVIEWED)
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    after = _front_row(page(client, "plan_list"), plan)
    assert after[2] == str(int(before[2]) - 1)


def test_the_front_page_rendered_afresh_reads_as_many_statements_for_two_plans_as_for_one(
    client: Client, evaluated: PlanSnapshot
) -> None:
    """Issue 15: it read two statements a plan (its latest snapshot, then the snapshot's
    results), 208 for the synthetic country, and parsed each snapshot whole."""

    def statements() -> int:
        caching.forget_everything()
        with CaptureQueriesContext(connection) as captured:
            page(client, "plan_list")
        return len(captured)

    one = statements()
    other = import_gold("003_de113db257313a93.json")
    rebuild_snapshot(other, as_of=AS_OF, now=REVIEWED)
    assert statements() == one
    assert reverse("portal:plan_detail", args=[other.pk]) in page(client, "plan_list")


def test_a_signed_in_person_is_never_served_the_public_front_page(
    client: Client, leader: User, evaluated: PlanSnapshot
) -> None:
    page(client, "plan_list")
    html = signed_in(leader).get(reverse("portal:plan_list")).content.decode()
    assert leader.get_username() in html or leader.get_full_name() in html
    assert reverse("login") not in html.split('<main id="content">')[0]


def test_the_front_key_names_the_tasks_the_public_may_not_read(tien_giang_plan: Plan) -> None:
    """The front page's statement and ``visible_tasks`` say the same of every task: the
    plan's tasks less those the statement names are the public's."""
    tasks = list(tien_giang_plan.tasks.order_by("position")[:3])
    Task.objects.filter(pk=tasks[0].pk).update(confidential=True)
    Task.objects.filter(pk=tasks[1].pk).update(archived_at=REVIEWED)
    with connection.cursor() as cursor:
        status = tien_giang_plan.status
        cursor.execute(_front_sql(), [REVIEWED.date(), status, status])
        hidden = {row[1] for row in cursor.fetchall() if row[0] == 1}
    everything = set(tien_giang_plan.tasks.values_list("pk", flat=True))
    public = set(
        visible_tasks(AnonymousUser()).filter(plan=tien_giang_plan).values_list("pk", flat=True)
    )
    assert everything - hidden == public
    assert {tasks[0].pk, tasks[1].pk} <= hidden
    assert tasks[2].pk not in hidden


def test_an_identifier_in_another_system_shows_in_cached_open_data_at_once(
    client: Client, coordinator: User, evaluated: PlanSnapshot
) -> None:
    # A link to the national system's record changes neither the plan's version nor its
    # snapshot, yet open data lists it: the open-data file fetched before must not be served.
    plan = evaluated.plan
    indicator = plan.indicators.order_by("position").first()
    assert indicator is not None
    before = page(client, "open_data_csv", plan.pk, "indicators")
    assert "CT-017" not in before
    set_external_id(indicator, "nq57", "CT-017", by=coordinator, now=REVIEWED)
    assert "nq57=CT-017" in page(client, "open_data_csv", plan.pk, "indicators")
    set_external_id(indicator, "nq57", "", by=coordinator, now=REVIEWED)
    assert "CT-017" not in page(client, "open_data_csv", plan.pk, "indicators")

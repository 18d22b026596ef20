"""The workspace's pages for each role, through Django's test client."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import open_round_now
from theodoi.plans.models import Plan, Task
from theodoi.workspace.reporting.views import rounds as rounds_views
from theodoi.workspace.views import plans as plans_views


def visit(client: Client, user: User | None, url: str) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def task_codes(html: str) -> set[str]:
    return set(re.findall(r'<tr data-task="([^"]+)"', html))


def test_public_home_invites_to_log_in(client: Client) -> None:
    html = visit(client, None, "/")
    assert "Theo dõi thực hiện kế hoạch Nghị quyết 57-NQ/TW" in html
    assert reverse("login") in html


def test_coordinator_home_offers_import_and_lists_plans(
    client: Client, coordinator: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, coordinator, "/")
    assert "Xin chào, daumoi" in html
    assert reverse("workspace:import_upload") in html
    assert "69/KH-UBND" in html


def test_reporter_home_counts_only_its_organisation_tasks(
    client: Client, reporter: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, reporter, "/")
    own = tien_giang_plan.tasks.filter(
        agencies__organisation__in=[reporter.memberships.get().organisation]
    ).distinct()
    assert own.exists()
    assert f"<strong>{own.count()}</strong>nhiệm vụ của đơn vị" in html
    assert reverse("workspace:import_upload") not in html


def test_public_sees_the_portal_but_no_staff_page_in_the_menu(client: Client) -> None:
    html = visit(client, None, "/")
    assert reverse("portal:plan_list") in html
    assert reverse("workspace:plan_list") not in html
    assert reverse("dashboard:dashboard") not in html


def test_reporter_menu_leads_to_plans_dashboard_and_rounds_but_not_import(
    client: Client, reporter: User
) -> None:
    html = visit(client, reporter, "/")
    for route in ("workspace:plan_list", "dashboard:dashboard", "reporting:round_list"):
        assert reverse(route) in html
    assert reverse("workspace:import_upload") not in html


def test_menu_shows_administration_only_to_it_staff(
    client: Client, coordinator: User, admin_persona: User
) -> None:
    assert reverse("admin:index") not in visit(client, coordinator, "/")
    admin_persona.is_staff = True
    admin_persona.save()
    assert reverse("admin:index") in visit(client, admin_persona, "/")


def test_plan_list_shows_counts(client: Client, leader: User, tien_giang_plan: Plan) -> None:
    html = visit(client, leader, reverse("workspace:plan_list"))
    assert "69/KH-UBND" in html
    assert '<td class="num">67</td>' in html
    assert '<td class="num">42</td>' in html
    assert "25/02/2025" in html


def test_plan_list_reads_no_plan_document_and_its_queries_do_not_grow_with_the_plans(
    client: Client,
    national_leader: User,
    reporter: User,
    tien_giang_plan: Plan,
    import_gold: Callable[..., Plan],
) -> None:
    # The documents (tens of kB of JSON each) grouped over every task x indicator row of each
    # plan made this page take 1 to 5 s on the five seed plans.
    import_gold("003_de113db257313a93.json")
    import_gold("001_83f868006df64d46.json")
    # The nation reads Quảng Ngãi's plan; Đồng Tháp's reporter its own province's.
    for user, number in ((national_leader, "66/KH-UBND"), (reporter, "69/KH-UBND")):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("workspace:plan_list")).content.decode()
        assert number in html
        sql = "\n".join(q["sql"] for q in queries)
        assert "extracted_json" not in sql
        assert "corrected_json" not in sql
        # One query for the plans and their counts, however many plans there are.
        assert sum('FROM "plans_plan"' in q["sql"] for q in queries) == 1


def test_plan_list_shows_a_page_at_a_time_and_its_links_keep_the_other_parameters(
    client: Client,
    national_leader: User,
    tien_giang_plan: Plan,
    import_gold: Callable[..., Plan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A national reader's list runs to thousands of plans: it must not render them all.
    import_gold("003_de113db257313a93.json")
    monkeypatch.setattr(plans_views, "PAGE_LENGTH", 1)
    client.force_login(national_leader)
    url = reverse("workspace:plan_list")
    first = client.get(url, {"sap_xep": "moi"}).content.decode()
    second = client.get(url, {"sap_xep": "moi", "trang": "2"}).content.decode()
    numbers = {"69/KH-UBND", "66/KH-UBND"}
    on_first = {n for n in numbers if n in first}
    on_second = {n for n in numbers if n in second}
    assert len(on_first) == len(on_second) == 1
    assert on_first != on_second
    assert 'href="?sap_xep=moi&amp;trang=2"' in first
    assert 'href="?sap_xep=moi&amp;trang=1"' in second
    assert "Trang 2" in second
    # A page number that is not one shows the first page.
    assert on_first <= {n for n in numbers if n in client.get(url, {"trang": "x"}).content.decode()}


def test_plan_list_counts_the_tasks_each_reader_may_see(
    client: Client, reporter: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, reporter, reverse("workspace:plan_list"))
    own = tien_giang_plan.tasks.filter(
        agencies__organisation__in=reporter.memberships.get().organisation.lineage_ids()
    ).distinct()
    row = re.search(r"69/KH-UBND.*?</tr>", html, re.S).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', row) == [str(own.count()), "42"]


def test_round_list_shows_a_page_at_a_time(
    client: Client,
    coordinator: User,
    tien_giang_plan: Plan,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_round_now(tien_giang_plan, by=coordinator, title="Kỳ thứ nhất")
    open_round_now(tien_giang_plan, by=coordinator, title="Kỳ thứ hai")
    monkeypatch.setattr(rounds_views, "PAGE_LENGTH", 1)
    client.force_login(coordinator)
    url = reverse("reporting:round_list")
    first = client.get(url).content.decode()
    second = client.get(url, {"trang": "2"}).content.decode()
    titles = {"Kỳ thứ nhất", "Kỳ thứ hai"}
    assert len({t for t in titles if t in first}) == len({t for t in titles if t in second}) == 1
    assert {t for t in titles if t in first} != {t for t in titles if t in second}
    assert 'rel="next" href="?trang=2"' in first
    assert 'rel="next"' not in second


def test_plan_page_shows_groups_tasks_agencies_times_and_indicators(
    client: Client, leader: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, leader, reverse("workspace:plan_detail", args=[tien_giang_plan.pk]))
    assert len(task_codes(html)) == 67
    assert 'data-testid="indicator-count">42<' in html
    # The group's heading, a time as written, an indicator with its unit and year.
    assert "Nâng cao nhận thức, đột phá về đổi mới tư duy" in html
    assert "Năm 2025" in html
    assert "Thứ bậc" in html
    assert '<td class="num">2030</td>' in html


def test_a_former_department_is_shown_as_its_successor_with_the_name_as_written(
    client: Client, leader: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, leader, reverse("workspace:plan_detail", args=[tien_giang_plan.pk]))
    assert "văn bản ghi: Sở Thông tin và Truyền thông" in html


def test_reporter_sees_only_its_organisation_tasks(
    client: Client, reporter: User, tien_giang_plan: Plan
) -> None:
    html = visit(client, reporter, reverse("workspace:plan_detail", args=[tien_giang_plan.pk]))
    expected = set(
        tien_giang_plan.tasks.filter(
            agencies__organisation__in=[reporter.memberships.get().organisation]
        ).values_list("code", flat=True)
    )
    assert expected
    assert task_codes(html) == expected
    assert len(expected) < 67


def test_another_agency_reporter_sees_other_tasks(
    client: Client, reporter: User, other_reporter: User, tien_giang_plan: Plan
) -> None:
    url = reverse("workspace:plan_detail", args=[tien_giang_plan.pk])
    own = task_codes(visit(client, reporter, url))
    other = task_codes(visit(Client(), other_reporter, url))
    assert other
    assert own != other


def test_confidential_task_is_hidden_from_a_reporter_not_assigned_to_it(
    client: Client, reporter: User, other_reporter: User, leader: User, tien_giang_plan: Plan
) -> None:
    task = (
        Task.objects.filter(
            plan=tien_giang_plan, agencies__organisation=reporter.memberships.get().organisation
        )
        .exclude(agencies__organisation=other_reporter.memberships.get().organisation)
        .first()
    )
    assert task is not None
    task.confidential = True
    task.save()
    url = reverse("workspace:plan_detail", args=[tien_giang_plan.pk])
    assert task.code in task_codes(visit(client, reporter, url))
    assert task.code in task_codes(visit(Client(), leader, url))
    assert task.code not in task_codes(visit(Client(), other_reporter, url))


def test_unknown_plan_is_a_vietnamese_404(client: Client, leader: User) -> None:
    client.force_login(leader)
    response = client.get(reverse("workspace:plan_detail", args=[999999]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_reporter_asking_for_the_import_page_gets_a_vietnamese_403(
    client: Client, reporter: User
) -> None:
    client.force_login(reporter)
    response = client.get(reverse("workspace:import_upload"))
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()


# --- accounts ------------------------------------------------------------------------------------

PASSWORD = "mật-khẩu-thử-nghiệm-1"  # the persona builder's, in tests/conftest.py


def test_login_page_is_in_vietnamese(client: Client) -> None:
    html = visit(client, None, reverse("login"))
    assert "Tên đăng nhập" in html
    assert "Mật khẩu" in html


def test_logging_in_leads_home_and_logging_out_ends_the_session(
    client: Client, coordinator: User
) -> None:
    response = client.post(
        reverse("login"), {"username": "daumoi", "password": PASSWORD}, follow=True
    )
    assert "Xin chào, daumoi" in response.content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("workspace:plan_list")).status_code == 302


def test_wrong_password_says_so_in_vietnamese(client: Client, coordinator: User) -> None:
    response = client.post(reverse("login"), {"username": "daumoi", "password": "sai"})
    assert response.status_code == 200
    assert "Vui lòng điền vào" in response.content.decode()


def test_repeated_failures_lock_the_account_with_a_vietnamese_message(
    client: Client, coordinator: User
) -> None:
    attempts = settings.AXES_FAILURE_LIMIT
    for _ in range(attempts):
        client.post(reverse("login"), {"username": "daumoi", "password": "sai"})
    response = client.post(reverse("login"), {"username": "daumoi", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tài khoản tạm thời bị khóa" in html
    assert f"sai {attempts} lần liên tiếp" in html
    assert "_auth_user_id" not in client.session


def missing_descriptions(html: str) -> list[str]:
    """The ``aria-describedby`` references of a page that name no element of it."""
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    return [
        ref
        for refs in re.findall(r'aria-describedby="([^"]+)"', html)
        for ref in refs.split()
        if ref not in ids
    ]


def test_a_field_s_help_is_the_description_its_input_points_to(
    client: Client, coordinator: User, tien_giang_plan: Plan
) -> None:
    for url in (
        reverse("workspace:import_upload"),
        reverse("reporting:round_open", args=[tien_giang_plan.pk]),
    ):
        html = visit(client, coordinator, url)
        assert "aria-describedby" in html
        assert missing_descriptions(html) == []


def test_the_site_has_its_own_icon_served_as_a_static_file(client: Client, db: None) -> None:
    html = visit(client, None, reverse("portal:plan_list"))
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon is not None
    assert finders.find("theodoi/favicon.svg") is not None
    assert "<svg" in Path(finders.find("theodoi/favicon.svg")).read_text("utf-8")
    # Asked for where browsers look without a page: led to the same file.
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == "/static/theodoi/favicon.svg"
    assert icon.group(1).endswith("theodoi/favicon.svg")


def test_behind_the_proxy_wrong_passwords_lock_out_one_address_not_the_person(
    coordinator: User,
) -> None:
    """The README's nginx passes every request on from 127.0.0.1: the lock must fall on the
    guesser's address and that account, not on the account from everywhere."""

    def via_proxy(sender: str) -> Client:
        return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=sender)

    guesser = via_proxy("203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(reverse("login"), {"username": "daumoi", "password": "sai"})
    attempt = {"username": "daumoi", "password": PASSWORD}
    assert guesser.post(reverse("login"), attempt).status_code == 429
    # The coordinator at their own desk, through the same proxy, still logs in.
    colleague = via_proxy("198.51.100.20")
    assert colleague.post(reverse("login"), attempt).status_code == 302
    assert "_auth_user_id" in colleague.session


class CountingHasher(MD5PasswordHasher):
    """The tests' hasher, counting how many passwords it checked."""

    checked = 0

    def verify(self, password: str, encoded: str) -> bool:
        CountingHasher.checked += 1
        return super().verify(password, encoded)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
@override_settings(PASSWORD_HASHERS=[f"{__name__}.CountingHasher"])
def test_a_burst_of_parallel_guesses_gets_no_more_password_checks_than_the_limit(
    coordinator: User,
) -> None:
    CountingHasher.checked = 0
    guesses = 12
    start = threading.Barrier(guesses)
    answers: list[int] = []

    def guess() -> None:
        try:
            guesser = Client(REMOTE_ADDR="203.0.113.66")
            start.wait(10)
            response = guesser.post(reverse("login"), {"username": "daumoi", "password": "sai"})
            answers.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert CountingHasher.checked <= settings.AXES_FAILURE_LIMIT
    assert answers.count(429) >= guesses - settings.AXES_FAILURE_LIMIT


def test_logging_in_again_and_again_never_locks_out(coordinator: User) -> None:
    """Attempts are taken before the password is checked; a success gives them back."""
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        person = Client()
        person.post(reverse("login"), {"username": "daumoi", "password": "sai"})
        response = person.post(reverse("login"), {"username": "daumoi", "password": PASSWORD})
        assert response.status_code == 302

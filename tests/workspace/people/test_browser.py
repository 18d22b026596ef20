"""The people in charge in a real Chromium: a reporter names them on a task's page, a leader
reads their figures, on a desktop and on a phone. Screenshots go to
``test-output/browser/``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, shot
from tests.builders import AS_OF, REVIEWED
from tests.workspace.people.conftest import DONE, assignment_of
from theodoi.orgs.models import Organisation
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.browser


def test_a_reporter_names_the_people_in_charge_and_a_leader_reads_their_figures(
    page: Page,
    live_server: LiveServer,
    round_: ReportingRound,
    reporter: User,
    reporter_org: Organisation,
    officer: User,
    deputy: User,
    leader: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    plan = round_.plan
    first = assignment_of(plan, "PL2.29", reporter_org)
    report_task(first.task, DONE, evidence=True)
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)

    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/nhiem-vu/{first.task_id}/nguoi-phu-trach/")
    section = page.locator(f'section[data-assignment="{first.pk}"]')
    section.get_by_label("Cán bộ phụ trách").select_option(label="Nguyễn Văn An")
    section.get_by_label("Lãnh đạo phụ trách").select_option(label="Trần Thị Bình")
    shot(page, "people-01-task-form")
    section.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu người phụ trách")).to_be_visible()
    shot(page, "people-02-task-saved")
    log_out(page)

    log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/bang-dieu-khien/nguoi-phu-trach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Người phụ trách")
    row = page.locator(f'tr[data-person="{officer.pk}"][data-capacity="officer"]')
    expect(row).to_contain_text("100%")
    shot(page, "people-03-figures", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    shot(page, "people-04-figures-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px screen"
    page.get_by_role("link", name="Nguyễn Văn An").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn An")
    shot(page, "people-05-person-phone", full_page=True)

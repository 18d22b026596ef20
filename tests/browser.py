"""The browser harness, a pytest plugin (registered in tests/conftest.py): Debian's Chromium
driven by Playwright against pytest-django's ``live_server``, one browser per test module and a
fresh Vietnamese context per test.

Screenshots a test takes on purpose go under ``test-output/<folder>/`` for a person to look at;
when a test using ``page`` fails, the page as it then stood is saved in
``test-output/failures/`` under the test's name."""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.builders import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# Headless in a container without a GPU, a user namespace or a network beyond the live server:
# nothing Chromium would fetch or update on its own may slow a test or make it flaky.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
FAILURES = OUTPUT / "failures"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
PHASES = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so that ``page`` knows at teardown whether the
    test failed."""
    report = yield
    item.stash.setdefault(PHASES, {})[report.when] = report
    return report


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-system-deps")
    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the test
    # makes meanwhile are still plain synchronous ones, which Django must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN", viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    yield tab
    phases = request.node.stash.get(PHASES, {})
    if any(report.failed for report in phases.values()):
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.nodeid).strip("-")
        tab.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
    context.close()


def shot(page: Page, name: str, *, full_page: bool = False, folder: str = "browser") -> None:
    """Save what the page shows as ``test-output/<folder>/<name>.png``."""
    (OUTPUT / folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / folder / f"{name}.png"), full_page=full_page)


def log_in(
    page: Page,
    server: LiveServer,
    username: str,
    password: str = PASSWORD,
    *,
    name: str | None = None,
) -> None:
    """Sign in through the login page as a persona of the builders, or as a person who chose
    ``password`` and whom the home page greets by ``name``."""
    page.goto(f"{server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Xin chào, {name or username}")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập").first).to_be_visible()


def pick_task(page: Page, code: str, *, several: bool = False) -> None:
    """Choose a task through a form's picker, by the task's code, as a person types (once the
    page's scripts listen: a link's click returns before they do): the directive's one task,
    or, ``several``, one more of the ad-hoc round's."""
    page.wait_for_load_state()
    page.get_by_role("combobox", name="Tìm nhiệm vụ theo số thứ tự hoặc từ trong tên").fill(code)
    page.get_by_role("option", name=re.compile(rf"^{re.escape(code)}\. ")).first.click()
    chosen = page.get_by_test_id("task-chosen")
    box = chosen.get_by_role(
        "checkbox" if several else "radio", name=re.compile(rf"^{re.escape(code)}\. ")
    )
    expect(box).to_be_checked()

"""The browser harness keeps the page of a failed browser test for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import FAILURES

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser

FAILING = """
from playwright.sync_api import Page


def test_shows_a_heading_it_does_not_have(page: Page) -> None:
    page.set_content("<h1>Xin chào</h1>")
    assert page.locator("h1").inner_text() == "Tạm biệt"
"""


def test_a_failed_browser_test_leaves_a_screenshot_of_its_page(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_harness_failure=FAILING)
    # Not the project's configuration or conftest: only the plugin, registered as the project
    # registers it, with Django's settings (in the environment) for the builders it imports.
    pytester.makeini("[pytest]\n")
    pytester.makeconftest('pytest_plugins = ["tests.browser"]')
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    shot = FAILURES / "test_harness_failure.py-test_shows_a_heading_it_does_not_have.png"
    shot.unlink(missing_ok=True)

    result = pytester.runpytest_subprocess(
        "-p", "no:randomly", "-p", "no:xdist", "-p", "no:cacheprovider"
    )

    result.assert_outcomes(failed=1)
    assert shot.read_bytes().startswith(b"\x89PNG")
    shot.unlink()

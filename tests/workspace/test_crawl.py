"""Every demo account, and the public, follows the links of the workspace and the portal over
the demo data ``load_demo`` builds (the seed plans and their reported rounds): no page may
answer with a server error, none may take more than 300 ms of server time.

Server time is the CPU time the request takes in this process (the test client runs the whole
request here, SQLite's work included) plus, on PostgreSQL, the time spent waiting for the
database. Unlike the wall clock, it hardly grows when other work shares the cores; a page over
the limit is asked again twice and judged by its best try, so a page that really takes 1 s
fails and a page that met a busy moment does not.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, TestCase, override_settings

from tests.builders import SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("demo-crawl")]

LIMIT_SECONDS = 0.3
PAGES_PER_ACCOUNT = 45
# Pages of one shape (the same route with other ids) an account visits at most.
PER_SHAPE = 3
# Links that change state, download files or leave the pages people read.
SKIP = re.compile(
    r"dang-xuat|/quan-tri/|/static/|/media/|/minh-chung/|\.(xlsx|docx|csv|json|pdf)$|/tai-xuong"
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url = urlsplit(urljoin("http://testserver" + base, href))
        if url.netloc != "testserver" or url.scheme not in {"http", ""}:
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not SKIP.search(url.path):
            found.append(path)
    return found


def shape(path: str) -> str:
    return re.sub(r"\d+", "#", path)


@dataclass(frozen=True)
class Visit:
    account: str
    path: str
    status: int
    seconds: float


class _DatabaseWait:
    """Time spent in the database driver, for a server that is not this process."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def timed_get(client: Client, path: str) -> tuple[HttpResponse, float]:
    """The response and its server time."""
    wait = _DatabaseWait()
    started = time.process_time()
    with connection.execute_wrapper(wait):
        response = client.get(path)
    cpu = time.process_time() - started
    # On SQLite the database works in this process: its time is already in the CPU time.
    return response, cpu + (wait.seconds if connection.vendor != "sqlite" else 0.0)


def crawl(client: Client, account: str, start: str) -> list[Visit]:
    queue, seen, shapes, visits = [start], {start}, Counter[str](), []
    while queue and len(visits) < PAGES_PER_ACCOUNT:
        path = queue.pop(0)
        response, seconds = timed_get(client, path)
        if response.status_code < 500 and seconds > LIMIT_SECONDS:
            seconds = min([seconds] + [timed_get(client, path)[1] for _ in range(2)])
        visits.append(Visit(account, path, response.status_code, seconds))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for found in links(response.content.decode(), path):
            if found not in seen and shapes[shape(found)] < PER_SHAPE:
                seen.add(found)
                shapes[shape(found)] += 1
                queue.append(found)
    return visits


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[list[str]]:
    """The demo, built once for the module in a transaction rolled back at its end; the
    accounts' names. Its after-commit snapshot rebuilds run as they would on commit."""
    media = tmp_path_factory.mktemp("demo-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", seeds=Path(SEEDS), stdout=out)
        accounts = re.findall(r"^\s{2}(\S+)\s+\w+\s+\S+\s*$", out.getvalue(), re.M)
        yield accounts
        transaction.set_rollback(True)


def test_every_demo_account_crawls_the_workspace_and_portal_without_errors_or_slow_pages(
    demo: list[str], db: None
) -> None:
    assert len(demo) >= 4, "load_demo printed no accounts"
    visits = crawl(Client(raise_request_exception=False), "(công chúng)", "/cong-khai/")
    for username in demo:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        visits += crawl(client, username, "/")
    errors = [v for v in visits if v.status >= 500]
    slow = sorted((v for v in visits if v.seconds > LIMIT_SECONDS), key=lambda v: -v.seconds)
    assert not errors, "server errors: " + "; ".join(f"{v.account} {v.path}" for v in errors)
    assert not slow, "slower than 300 ms: " + "; ".join(
        f"{v.account} {v.path} {v.seconds * 1000:.0f} ms" for v in slow
    )
    # The crawl reached the pages it is for, as every kind of reader.
    reached = {shape(v.path) for v in visits}
    for page in ("/cong-khai/ke-hoach/#/", "/ke-hoach/", "/ke-hoach/#/", "/bang-dieu-khien/"):
        assert any(s.startswith(page.rstrip("/")) for s in reached), page

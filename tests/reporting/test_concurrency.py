"""Two people saving the same update at the same moment, and two coordinators reviewing the
same update at the same moment, each on a database connection of their own: the later is
refused with the other's version and the same message on SQLite (the default, a file as in
production) as on PostgreSQL; nothing is overwritten and no "database is locked" escapes."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections, transaction

from tests.builders import DURING, LATER
from tests.reporting.conftest import IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.errors import StaleVersionError
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import save_draft, submit_update

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def own_connection(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """What a thread calls before it touches the database. On SQLite the test database lives
    in memory, where connections lock each other in a way a file never does: the threads (and
    the test's own reads afterwards) use a file copy of it, opened with the project's
    settings. On PostgreSQL every thread opens its own connection as it is."""
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    path = tmp_path / "theodoi.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    original = connections["default"]

    def connect() -> None:
        connections["default"] = type(original)(
            {**original.settings_dict, "NAME": str(path)}, "default"
        )

    connect()
    try:
        yield connect
    finally:
        connections["default"].close()
        connections["default"] = original


def race(
    own_connection: Callable[[], None],
    first: Callable[[], Any],
    second: Callable[[], Any],
) -> dict[str, Any]:
    """Run ``first`` in a transaction held open until ``second`` has started and is waiting
    on it, then let both finish; what each returned or raised."""
    first_done, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def run_first() -> None:
        own_connection()
        try:
            with transaction.atomic():
                outcome["first"] = first()
                first_done.set()
                # Hold the transaction open while the second runs into it.
                release.wait(10)
        except Exception as failed:
            outcome["first_error"] = failed
            first_done.set()
        finally:
            connections["default"].close()

    def run_second() -> None:
        own_connection()
        first_done.wait(10)
        try:
            outcome["second"] = second()
        except Exception as failed:
            outcome["second_error"] = failed
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    first_done.wait(10)
    # The second is now blocked on the first one's uncommitted write.
    threads[1].join(1.0)
    outcome["second_waited"] = threads[1].is_alive()
    release.set()
    for thread in threads:
        thread.join(30)
    return outcome


def test_the_later_of_two_concurrent_saves_is_refused_and_shows_the_first(
    own_connection: Callable[[], None], round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)

    def saving(progress: int) -> Callable[[], TaskUpdate]:
        return lambda: save_draft(
            round_,
            lead_task,
            dataclasses.replace(IN_PROGRESS, progress=progress),
            by=reporter,
            based_on=1,
            now=DURING,
        )

    outcome = race(own_connection, saving(70), saving(55))

    assert "first_error" not in outcome
    refused = outcome["second_error"]
    assert isinstance(refused, StaleVersionError), refused
    assert outcome["second_waited"]
    assert refused.current.pk == outcome["first"].pk
    assert refused.current.progress == 70
    assert "Người khác đã lưu" in str(refused)
    stored = list(TaskUpdate.objects.filter(task=lead_task).order_by("version"))
    assert [(u.version, u.progress) for u in stored] == [(1, 40), (2, 70)]


def test_the_later_of_two_coordinators_reviewing_at_once_is_refused_with_the_first_review(
    own_connection: Callable[[], None],
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    coordinator: User,
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)

    outcome = race(
        own_connection,
        lambda: accept_update(submitted, by=coordinator, now=LATER),
        lambda: return_update(submitted, by=coordinator, reason="Thiếu minh chứng.", now=LATER),
    )

    assert "first_error" not in outcome
    refused = outcome["second_error"]
    assert isinstance(refused, StaleVersionError), refused
    assert outcome["second_waited"]
    assert refused.current.state == "accepted"
    assert "Báo cáo đã thay đổi từ khi anh/chị mở ra" in str(refused)
    stored = list(TaskUpdate.objects.filter(task=lead_task).order_by("version"))
    assert [(u.version, u.state) for u in stored] == [(1, "submitted"), (2, "accepted")]

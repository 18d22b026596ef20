"""Two things done at the same moment, each on a database connection of its own, as two
workers do them (a pytest plugin: ``own_connection`` is a fixture of every test)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections, transaction


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

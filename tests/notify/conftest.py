"""Reporters with e-mail addresses, and the job queue on either back-end."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from huey.api import Huey
from huey.contrib.djhuey import HUEY
from huey.storage import PriorityRedisStorage, SqliteStorage

from tests.builders import with_email

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def morning(day: int, month: int = 5) -> datetime.datetime:
    """07:00 in Việt Nam on that day of 2026, when the morning jobs run."""
    return datetime.datetime(2026, month, day, 0, 0, tzinfo=datetime.UTC)


@pytest.fixture
def reporter_mail(reporter: User) -> User:
    return with_email(reporter, "sokhcn@dongthap.gov.vn")


@pytest.fixture
def other_reporter_mail(other_reporter: User) -> User:
    return with_email(other_reporter, "soyte@dongthap.gov.vn")


@pytest.fixture(params=["sqlite", "redis"])
def queue(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[Huey]:
    """The project's queue with its jobs, its storage put on SQLite or on Redis database 15
    for the test; jobs go through the storage and are run by ``run_queue``."""
    original = HUEY.storage
    if request.param == "sqlite":
        HUEY.storage = SqliteStorage(HUEY.name, filename=os.path.join(tmp_path, "huey.sqlite3"))
    else:
        # One queue per test process, so parallel test runs do not take each other's jobs.
        name = f"{HUEY.name}-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        HUEY.storage = PriorityRedisStorage(name, url=REDIS_URL)
    HUEY.storage.flush_all()
    try:
        yield HUEY
    finally:
        HUEY.storage.flush_all()
        HUEY.storage = original


def run_queue(huey: Huey) -> int:
    """Run every job waiting in the queue, as a worker would; the number run."""
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    return ran

"""Real ``theodoi run_huey`` workers delivering notices, one killed with SIGKILL while it is
sending. Killed before the mail server accepted the message, every notice is e-mailed exactly
once; killed after, the one it held is e-mailed again (delivery is at least once: nothing can
tell it was accepted) with the same Message-ID, and every other exactly once.

The workers run on their own SQLite database and queue in a temporary folder (migrated by
``theodoi migrate``), the test's database being invisible to other processes; mail goes
through Django's file backend, slowed down so the kill lands in the middle of a delivery.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_string
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THEODOI = str(Path(sys.executable).with_name("theodoi"))
PEOPLE = 6
CLAIM_SECONDS = 3

SEED = f"""
import datetime
from django.contrib.auth.models import User
from theodoi.notify.models import NoticeKind
from theodoi.notify.services import PlannedNotice, record_notices
now = datetime.datetime.now(datetime.UTC)
planned = []
for i in range({PEOPLE}):
    user = User.objects.create_user(f"baocao{{i}}", email=f"baocao{{i}}@dongthap.gov.vn")
    planned.append(PlannedNotice(
        f"reminder:1:1:3:{{user.pk}}", user, NoticeKind.REMINDER,
        "Nhắc hạn: còn 3 nhiệm vụ phải báo cáo", "Hạn báo cáo là 00:00 01/06/2026."))
assert record_notices(planned, now=now) == {PEOPLE}
"""
ENQUEUE = "from theodoi.notify.jobs import deliver_notices; deliver_notices()"


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    """The environment of a one-machine installation in ``tmp_path``, migrated and seeded."""
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "THEODOI_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "EMAIL_BACKEND": "tests.notify.slow_mail.SlowFileBackend",
        "SLOW_MAIL_DIR": str(mail),
        "NOTICE_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
    }
    for command in (["migrate", "-v0"], ["shell", "-c", SEED]):
        subprocess.run([THEODOI, *command], env=env, cwd=tmp_path, check=True, timeout=300)
    return env


@pytest.fixture
def start_worker(
    site: dict[str, str], tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    workers: list[subprocess.Popen[bytes]] = []

    def start(name: str, mail_seconds: float, after_seconds: float = 0) -> subprocess.Popen[bytes]:
        # The worker writes to its own copy of the file; ours is closed once it has started.
        with (tmp_path / f"{name}.log").open("wb") as log:
            worker = subprocess.Popen(
                [THEODOI, "run_huey", "--workers", "1", "--no-periodic"],
                env={
                    **site,
                    "SLOW_MAIL_SECONDS": str(mail_seconds),
                    "SLOW_MAIL_AFTER_SECONDS": str(after_seconds),
                },
                cwd=tmp_path,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)


def enqueue(site: dict[str, str], tmp_path: Path) -> None:
    subprocess.run([THEODOI, "shell", "-c", ENQUEUE], env=site, cwd=tmp_path, check=True)


def messages(folder: Path) -> list[Message]:
    """Every e-mail the file backend wrote (it separates them with a line of dashes)."""
    found = []
    for path in folder.iterdir():
        for text in path.read_text().split("-" * 79):
            if text.strip():
                found.append(message_from_string(text.strip()))
    return found


def events_mailed(folder: Path) -> Counter[str]:
    return Counter(message["X-Theodoi-Event"] for message in messages(folder))


def notices(tmp_path: Path) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(tmp_path / "theodoi.sqlite3") as db:
        return db.execute("SELECT key, claimed_until, sent_at FROM notify_notice").fetchall()


def attempts(tmp_path: Path) -> dict[str, int]:
    with sqlite3.connect(tmp_path / "theodoi.sqlite3") as db:
        return dict(db.execute("SELECT key, attempts FROM notify_notice").fetchall())


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.mark.slow
def test_a_worker_killed_while_sending_loses_and_repeats_no_notice(
    site: dict[str, str], start_worker: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    mail = Path(site["SLOW_MAIL_DIR"])
    first = start_worker("first", mail_seconds=1.5)
    enqueue(site, tmp_path)
    wait_for(lambda: len(events_mailed(mail)) >= 2, 60)
    time.sleep(0.5)  # well inside the third notice's delivery
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    held = [key for key, claimed, sent in notices(tmp_path) if claimed and not sent]
    sent_before = sum(events_mailed(mail).values())
    assert len(held) == 1, "the killed worker held the notice it was sending"
    assert held[0] not in events_mailed(mail)
    assert sent_before < PEOPLE

    # Two workers at once, after the dead worker's claim has run out.
    time.sleep(CLAIM_SECONDS)
    start_worker("second", mail_seconds=0.2)
    start_worker("third", mail_seconds=0.2)
    enqueue(site, tmp_path)
    enqueue(site, tmp_path)
    wait_for(lambda: all(sent for _key, _claimed, sent in notices(tmp_path)), 90)

    mailed = events_mailed(mail)
    assert set(mailed) == {key for key, _claimed, _sent in notices(tmp_path)}
    assert len(mailed) == PEOPLE
    assert set(mailed.values()) == {1}, f"sent twice: {mailed}"


@pytest.mark.slow
def test_a_worker_killed_after_the_server_accepted_a_message_resends_it_with_its_message_id(
    site: dict[str, str], start_worker: Callable[..., subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    mail = Path(site["SLOW_MAIL_DIR"])
    first = start_worker("first", mail_seconds=0, after_seconds=3)
    enqueue(site, tmp_path)
    wait_for(lambda: len(events_mailed(mail)) >= 1, 60)
    time.sleep(0.5)  # the server has the first message; the worker waits for its answer
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    held = [key for key, claimed, sent in notices(tmp_path) if claimed and not sent]
    assert len(held) == 1
    assert events_mailed(mail)[held[0]] == 1, "accepted by the server, not marked sent"

    time.sleep(CLAIM_SECONDS)
    start_worker("second", mail_seconds=0)
    enqueue(site, tmp_path)
    wait_for(lambda: all(sent for _key, _claimed, sent in notices(tmp_path)), 90)

    mailed = events_mailed(mail)
    assert mailed.pop(held[0]) == 2
    assert len(mailed) == PEOPLE - 1
    assert set(mailed.values()) == {1}
    # Both copies of the repeated one carry one Message-ID, by which a reader drops the second;
    # no two events share one.
    ids: dict[str, set[str]] = {}
    for message in messages(mail):
        ids.setdefault(message["X-Theodoi-Event"], set()).add(message["Message-ID"])
    assert all(len(one) == 1 for one in ids.values())
    assert len({next(iter(one)) for one in ids.values()}) == PEOPLE
    assert attempts(tmp_path)[held[0]] == 2

"""Two people saving the same update at the same moment, each on its own database connection:
the later save is refused with the other's version, nothing is overwritten (PostgreSQL)."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction

from tests.reporting.conftest import DURING, IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.errors import StaleVersionError
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import save_draft

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"),
]


def test_the_later_of_two_concurrent_saves_is_refused_and_shows_the_first(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    first_saved, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                outcome["first"] = save_draft(
                    round_,
                    lead_task,
                    dataclasses.replace(IN_PROGRESS, progress=70),
                    by=reporter,
                    based_on=1,
                    now=DURING,
                )
                first_saved.set()
                # Hold the transaction open while the second save runs into it.
                release.wait(10)
        finally:
            connection.close()

    def second() -> None:
        first_saved.wait(10)
        try:
            save_draft(
                round_,
                lead_task,
                dataclasses.replace(IN_PROGRESS, progress=55),
                by=reporter,
                based_on=1,
                now=DURING,
            )
        except StaleVersionError as refused:
            outcome["refused"] = refused
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_saved.wait(10)
    # The second save is now blocked on the first one's uncommitted version 2.
    threads[1].join(1.0)
    assert threads[1].is_alive()
    release.set()
    for thread in threads:
        thread.join(20)

    refused = outcome["refused"]
    assert refused.current.pk == outcome["first"].pk
    assert refused.current.progress == 70
    assert "Người khác đã lưu" in str(refused)
    stored = list(TaskUpdate.objects.filter(task=lead_task).order_by("version"))
    assert [(u.version, u.progress) for u in stored] == [(1, 40), (2, 70)]

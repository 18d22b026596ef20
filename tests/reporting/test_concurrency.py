"""Two people saving the same update at the same moment, and two coordinators reviewing the
same update at the same moment, each on a database connection of their own: the later is
refused with the other's version and the same message on SQLite (the default, a file as in
production) as on PostgreSQL; nothing is overwritten and no "database is locked" escapes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from tests.builders import DURING, LATER
from tests.concurrency import race
from tests.reporting.conftest import IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.errors import StaleVersionError
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import save_draft, submit_update

pytestmark = pytest.mark.django_db(transaction=True)


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

"""The coordinator's review: accept, return with a reason, bulk accept, and refusals."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.builders import DURING, LATER
from tests.reporting.conftest import IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.errors import ReportingError, StaleVersionError
from theodoi.reporting.models import (
    ReportingRound,
    ReviewState,
    TaskUpdate,
)
from theodoi.reporting.review import accept_update, bulk_accept, return_update
from theodoi.reporting.updates import save_draft, submit_update

pytestmark = pytest.mark.django_db


def test_a_return_needs_a_reason(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="lý do"):
        return_update(submitted, by=coordinator, reason="   ", now=LATER)
    assert TaskUpdate.objects.filter(task=lead_task).count() == 1


def test_only_a_submitted_update_is_reviewed(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    draft = save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="đã gửi"):
        accept_update(draft, by=coordinator, now=LATER)


def test_a_reporter_cannot_accept_its_own_update(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="cơ quan đầu mối"):
        accept_update(submitted, by=reporter, now=LATER)


def test_an_old_version_is_not_reviewed(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    accept_update(submitted, by=coordinator, now=LATER)
    with pytest.raises(StaleVersionError):
        return_update(submitted, by=coordinator, reason="Sai số liệu.", now=LATER)


def test_bulk_accept_accepts_all_or_none(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    coordinator: User,
) -> None:
    one = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    draft = save_draft(round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError):
        bulk_accept([one, draft], by=coordinator, now=LATER)
    assert not TaskUpdate.objects.filter(state=ReviewState.ACCEPTED).exists()

    two = submit_update(round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=1, now=LATER)
    accepted = bulk_accept([one, two], by=coordinator, now=LATER)
    assert [a.state for a in accepted] == ["accepted", "accepted"]

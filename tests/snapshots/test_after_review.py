"""After a review the plan's snapshot is what a full evaluation computes: an accepted update
is in it, a returned one changes nothing, and two updates accepted at once, each on a
connection of its own, are both in the snapshot stored last. A rebuild reuses the judgements
it kept from evaluations before (snapshots.evaluate): each test compares with an evaluation
that kept none."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.builders import DURING, REVIEWED, lead_tasks
from tests.concurrency import race
from tests.reporting.conftest import IN_PROGRESS
from theodoi.audit.models import AuditEntry
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import submit_update
from theodoi.snapshots.evaluate import forget_judgements
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.records import evaluate_plan_at
from theodoi.snapshots.services import digest_of, rebuild_snapshot

DAY = timezone.localdate(REVIEWED)


def submitted(round_: ReportingRound, reporter: User, progress: int, index: int) -> TaskUpdate:
    task = lead_tasks(round_.plan, reporter)[index]
    content = dataclasses.replace(IN_PROGRESS, progress=progress)
    return submit_update(round_, task, content, by=reporter, based_on=0, now=DURING)


def stored(plan: Plan) -> PlanSnapshot:
    return PlanSnapshot.objects.get(plan=plan, as_of=DAY)


def fully_evaluated(plan: Plan) -> dict[str, Any]:
    forget_judgements()
    return dict(evaluate_plan_at(plan, DAY))


def progress_of(snapshot: PlanSnapshot, update: TaskUpdate) -> Any:
    return next(t["progress"] for t in snapshot.results["tasks"] if t["id"] == update.task_id)


@pytest.mark.django_db
def test_an_accepted_update_is_in_the_snapshot_a_returned_one_changes_nothing(
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    plan = round_.plan
    accepted, returned = submitted(round_, reporter, 35, 0), submitted(round_, reporter, 80, 1)
    rebuild_snapshot(plan, as_of=DAY, now=REVIEWED)  # the judgements before, kept
    before = stored(plan)

    with django_capture_on_commit_callbacks(execute=True):
        accept_update(accepted, by=coordinator, now=REVIEWED)
    after = stored(plan)
    assert after.digest != before.digest
    assert progress_of(after, accepted) == 35
    assert after.results == fully_evaluated(plan)
    assert after.digest == digest_of(after.results)

    rebuilt = AuditEntry.objects.filter(action="snapshots.snapshot.rebuilt").count()
    with django_capture_on_commit_callbacks(execute=True):
        return_update(returned, by=coordinator, reason="Thiếu minh chứng.", now=REVIEWED)
    unchanged = stored(plan)
    assert (unchanged.digest, unchanged.computed_at) == (after.digest, after.computed_at)
    assert progress_of(unchanged, returned) != 80
    assert AuditEntry.objects.filter(action="snapshots.snapshot.rebuilt").count() == rebuilt


@pytest.mark.django_db(transaction=True)
def test_two_updates_accepted_at_once_are_both_in_the_snapshot_stored_last(
    own_connection: Callable[[], None],
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
) -> None:
    plan = round_.plan
    first, second = submitted(round_, reporter, 35, 0), submitted(round_, reporter, 65, 1)
    rebuild_snapshot(plan, as_of=DAY, now=REVIEWED)

    # The first accept's transaction stays open while the second is accepted: the second's
    # rebuild cannot read the first, and the first's, after its commit, reads both.
    outcome = race(
        own_connection,
        lambda: accept_update(first, by=coordinator, now=REVIEWED),
        lambda: accept_update(second, by=coordinator, now=REVIEWED),
    )

    assert "first_error" not in outcome, outcome
    assert "second_error" not in outcome, outcome
    snapshot = stored(plan)
    assert (progress_of(snapshot, first), progress_of(snapshot, second)) == (35, 65)
    assert snapshot.results == fully_evaluated(plan)
    assert snapshot.digest == digest_of(snapshot.results)

"""At national scale (synth --scale 10's shape, made small): a snapshot judges each task by its
lead agency's latest accepted update whichever of many monthly rounds holds it, and after one
accepted update its plan's snapshot is what a full rebuild computes."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from theodoi.demo.synthload import synthetic_plans
from theodoi.orgs.models import Membership, Role
from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.models import ReviewState, TaskUpdate
from theodoi.reporting.review import accept_update
from theodoi.reporting.versions import judged_updates, latest_only
from theodoi.snapshots.evaluate import encoded, forget_judgements
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.records import end_of, evaluate_plan_at, evaluate_plan_text_at
from theodoi.snapshots.services import digest_of, rebuild_snapshot

pytestmark = pytest.mark.usefixtures("orgs")


def national_set() -> list[Plan]:
    call_command(
        "synth",
        "--scale=10",
        "--provinces=1",
        "--ministries=1",
        "--ministry-units=4",
        "--reporting-communes=3",
        "--tasks=12",
        "--indicators=2",
        "--rounds=8",
        "--communes=1",
        "--commune-tasks=4",
        "--no-snapshots",
        stdout=StringIO(),
    )
    return synthetic_plans()


def every_accepted_lead_update(plan: Plan, before: datetime.datetime) -> dict[int, int]:
    """The rule read the long way: every accepted lead update in order, the last one wins."""
    judged = {}
    for task_id, progress in (
        TaskUpdate.objects.filter(
            task__plan=plan, role=AgencyRole.LEAD, state=ReviewState.ACCEPTED, created_at__lt=before
        )
        .order_by("round__deadline", "created_at", "version", "pk")
        .values_list("task_id", "progress")
    ):
        judged[task_id] = progress
    return judged


def test_each_task_is_judged_by_its_latest_accepted_lead_update_over_every_round() -> None:
    went_back = 0
    for plan in national_set():
        rounds = list(plan.rounds.order_by("deadline"))
        for day in (rounds[2].deadline.date(), rounds[-1].period_start, timezone.localdate()):
            before = end_of(day)
            judged = judged_updates(plan, before=before, fields=("progress", "round_id"))
            assert {t: row["progress"] for t, row in judged.items()} == (
                every_accepted_lead_update(plan, before)
            )
            went_back += sum(row["round_id"] != rounds[-1].pk for row in judged.values())
    # Some tasks are judged by an older round's update, past rounds without an accepted one.
    assert went_back > 0


def test_after_one_accepted_update_its_plan_s_snapshot_is_what_a_full_rebuild_computes(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    plans = national_set()
    now = timezone.now()
    today = timezone.localdate(now)
    for plan in plans:
        rebuild_snapshot(plan, as_of=today, now=now)
    waiting = latest_only(
        TaskUpdate.objects.filter(
            task__plan__in=plans, role=AgencyRole.LEAD, state=ReviewState.SUBMITTED
        )
    ).order_by("-round__deadline", "pk")
    # An update of the latest round that says other than what its task is judged by now.
    update, before = next(
        (u, snapshot)
        for u in waiting
        if u.round == u.task.plan.rounds.order_by("deadline").last()
        and task_row(snapshot := PlanSnapshot.objects.get(plan=u.task.plan, as_of=today), u)[
            "progress"
        ]
        != u.progress
    )
    plan = update.task.plan
    coordinator = Membership.objects.get(
        role=Role.COORDINATOR, scope_id=plan.province_id, user__username__startswith="mp."
    )

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        accept_update(update, by=coordinator.user, now=timezone.now())

    after = PlanSnapshot.objects.get(plan=plan, as_of=today)
    assert after.digest != before.digest
    # The rebuild reused the judgements kept from the rebuilds before; a full evaluation has
    # none.
    forget_judgements()
    assert after.results == evaluate_plan_at(plan, today)
    assert after.digest == digest_of(after.results)
    assert task_row(after, update)["progress"] == update.progress


def task_row(snapshot: PlanSnapshot, update: TaskUpdate) -> dict[str, Any]:
    return next(t for t in snapshot.results["tasks"] if t["id"] == update.task_id)


def test_a_plan_s_rebuild_reads_its_records_in_a_few_statements_however_many_rounds(
    django_assert_max_num_queries: Any,
) -> None:
    """The current round and every round's id in one statement, the bodies and their names
    in one, and the updates a task is judged by now and before the round began in the same
    windows: what a rebuild after an accepted update costs is mostly statements (issue 15)."""
    plan = max(national_set(), key=lambda p: p.rounds.count())
    now = timezone.now()
    today = timezone.localdate(now)
    current = plan.rounds.filter(period_start__lte=today).order_by("-deadline").first()
    assert current is not None
    assert current.deadline < end_of(today)  # reports are owed
    assert plan.rounds.count() == 8
    rebuild_snapshot(plan, as_of=today, now=now)

    with django_assert_max_num_queries(16):
        evaluate_plan_at(plan, today)
    # And the plan's row locked first (rebuilds of a plan take turns), the day's row, to
    # compare its digest (the same: nothing is written), inside the rebuild's savepoint.
    with django_assert_max_num_queries(20):
        rebuild_snapshot(plan, as_of=today, now=now + datetime.timedelta(hours=1))


def test_the_text_a_rebuild_stores_is_its_results_encoded_whatever_it_kept() -> None:
    """A rebuild writes again only the parts whose answers changed (snapshots.evaluate): its
    text is the whole results encoded, on the first evaluation, on the next ones, and when
    the ranking or the day moved."""
    plans = national_set()
    rounds = plans[0].rounds.order_by("deadline")
    days = (rounds[2].period_start, rounds[3].deadline.date(), timezone.localdate())
    forget_judgements()
    for _ in range(2):
        for plan in plans:
            for day in days:
                results, text = evaluate_plan_text_at(plan, day)
                assert text == encoded(results)
                assert results == evaluate_plan_at(plan, day)

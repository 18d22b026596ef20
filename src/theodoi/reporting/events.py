"""What reporting announces to the layers above it (``theodoi.events``)."""

from __future__ import annotations

import dataclasses
import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from theodoi.events import publish
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingRound


@dataclasses.dataclass(frozen=True)
class ResultsChanged:
    """A plan's evaluated results may differ on ``days`` (an accepted update, a closed round);
    ``theodoi.snapshots`` rebuilds its snapshots of those days."""

    plan_id: int
    days: tuple[datetime.date, ...]
    now: datetime.datetime


def results_changed_after_commit(
    plan: Plan, *, now: datetime.datetime, closed_round: ReportingRound | None = None
) -> None:
    """Announce :class:`ResultsChanged` once the caller's transaction has committed: for today,
    and for a closed round also its deadline's day, the one the dashboard shows for that round.

    robust: the review is committed whatever a handler does; a failed rebuild is logged and the
    nightly job (``notify.jobs.rebuild_snapshots``) catches up."""
    days = {timezone.localdate(now)}
    if closed_round is not None:
        days.add(timezone.localdate(closed_round.deadline))
    event = ResultsChanged(plan_id=plan.pk, days=tuple(sorted(days)), now=now)
    transaction.on_commit(partial(publish, event), robust=True)


@dataclasses.dataclass(frozen=True)
class ReportAccepted:
    """A task update or an indicator figure was accepted: it counts from now on."""

    kind: str  # "task_update" or "indicator_value"
    report_id: int
    plan_id: int
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class RoundClosed:
    round_id: int
    plan_id: int
    now: datetime.datetime


def after_commit(event: object) -> None:
    """Announce ``event`` once the caller's transaction has committed (robust: a handler's
    failure is logged, the write stands)."""
    transaction.on_commit(partial(publish, event), robust=True)

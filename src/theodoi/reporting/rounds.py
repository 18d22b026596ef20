"""Schedules and rounds: open, lock, reopen for one agency, close.

Each write is atomic, checks its preconditions, raises :class:`ReportingError` with a
Vietnamese message and leaves an audit entry with the data before and after.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.ingest.schedule import Schedule
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.reporting.access import require_coordinator
from theodoi.reporting.announcements import RoundOpened, announce_after_commit
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.events import RoundClosed, after_commit, results_changed_after_commit
from theodoi.reporting.models import (
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    ReviewState,
    RoundReopening,
    RoundState,
    TaskUpdate,
)
from theodoi.reporting.versions import latest_only
from theodoi.users import User


@transaction.atomic
def set_schedule(
    plan: Plan, schedule: Schedule, *, by: User | None, now: datetime.datetime
) -> ReportingSchedule:
    """Give ``plan`` its reporting schedule, replacing the one it had."""
    existing = ReportingSchedule.objects.filter(plan=plan).first()
    before = {"schedule": str(existing), "text": existing.source_text} if existing else None
    row, _created = ReportingSchedule.objects.update_or_create(
        plan=plan,
        defaults={
            "dates": [list(pair) for pair in schedule.dates],
            "every_months": schedule.every_months,
            "source_text": schedule.text,
        },
    )
    record(
        Action.SCHEDULE_SET,
        row,
        by=by,
        now=now,
        before=before,
        after={"schedule": schedule.describe(), "text": schedule.text},
    )
    return row


@transaction.atomic
def open_round(
    plan: Plan,
    *,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    cut_off: datetime.date,
    deadline: datetime.datetime,
    reminder_days: Sequence[int] | None = None,
    by: User,
    now: datetime.datetime,
) -> ReportingRound:
    """Open a round in which every agency of ``plan`` reports, until ``deadline``."""
    require_coordinator(by, plan)
    if plan.status != PlanStatus.PUBLISHED:
        raise ReportingError(_("The plan must be published before a round is opened."))
    title = title.strip()
    if not title:
        raise ReportingError(_("The round needs a title."))
    if period_start > period_end:
        raise ReportingError(_("The period must start before it ends."))
    if deadline <= now:
        raise ReportingError(_("The deadline must be in the future."))
    if not period_start <= cut_off <= timezone.localdate(deadline):
        raise ReportingError(
            _("The data cut-off must fall between the start of the period and the deadline.")
        )
    days = reminder_days_of(reminder_days if reminder_days is not None else [7, 3, 1])
    if ReportingRound.objects.filter(plan=plan, deadline=deadline).exists():
        raise ReportingError(_("This plan already has a round with this deadline."))
    round_ = ReportingRound.objects.create(
        plan=plan,
        title=title,
        period_start=period_start,
        period_end=period_end,
        cut_off=cut_off,
        deadline=deadline,
        reminder_days=days,
        opened_at=now,
        opened_by=by,
    )
    record(Action.ROUND_OPENED, round_, by=by, now=now, after=round_data(round_))
    announce_after_commit(RoundOpened(round_.pk, now))
    return round_


def reminder_days_of(reminder_days: Sequence[int]) -> list[int]:
    """The days before the deadline a round reminds on, each once, the farthest first;
    refused outside 1 to 60."""
    days = sorted(set(reminder_days), reverse=True)
    if any(day < 1 or day > 60 for day in days):
        raise ReportingError(_("Reminder days must be between 1 and 60 days before the deadline."))
    return days


def round_data(round_: ReportingRound) -> dict[str, Any]:
    """A round as the audit log keeps it, when it is opened and when it is edited."""
    return {
        "plan": round_.plan_id,
        "title": round_.title,
        "period_start": round_.period_start.isoformat(),
        "period_end": round_.period_end.isoformat(),
        "cut_off": round_.cut_off.isoformat(),
        "deadline": round_.deadline.isoformat(),
        "reminder_days": round_.reminder_days,
        "state": round_.state,
    }


def _set_state(
    round_: ReportingRound,
    state: RoundState,
    action: Action,
    *,
    by: User | None,
    now: datetime.datetime,
) -> None:
    before = round_.state
    round_.state = state
    round_.save(update_fields=["state"])
    record(action, round_, by=by, now=now, before={"state": before}, after={"state": state})


@transaction.atomic
def lock_due_rounds(now: datetime.datetime) -> list[ReportingRound]:
    """Lock every open round whose deadline has come; running it twice locks nothing twice."""
    locked = []
    for round_ in ReportingRound.objects.select_for_update().filter(
        state=RoundState.OPEN, deadline__lte=now
    ):
        _set_state(round_, RoundState.LOCKED, Action.ROUND_LOCKED, by=None, now=now)
        locked.append(round_)
    return locked


@transaction.atomic
def reopen_round_for(
    round_: ReportingRound,
    organisation: Organisation,
    *,
    by: User,
    until: datetime.datetime,
    now: datetime.datetime,
) -> RoundReopening:
    """Let one agency report in a locked round until ``until``."""
    require_coordinator(by, round_.plan)
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state == RoundState.CLOSED:
        raise ReportingError(_("The round is closed; it cannot be reopened."))
    if round_.state == RoundState.OPEN and now < round_.deadline:
        raise ReportingError(_("The round is still open; there is nothing to reopen."))
    if until <= now:
        raise ReportingError(_("The reopening must last until a time in the future."))
    lineage = organisation.lineage_ids()
    takes_part = (
        Task.objects.filter(plan=round_.plan_id, agencies__organisation_id__in=lineage).exists()
        or Indicator.objects.filter(
            plan=round_.plan_id, agencies__organisation_id__in=lineage
        ).exists()
    )
    if not takes_part:
        raise ReportingError(
            _("%(organisation)s has no task or indicator in this plan.")
            % {"organisation": organisation}
        )
    previous = round_.reopenings.filter(organisation=organisation).first()
    reopening = RoundReopening.objects.create(
        round=round_, organisation=organisation, until=until, at=now, by=by
    )
    record(
        Action.ROUND_REOPENED,
        round_,
        by=by,
        now=now,
        before={"organisation": organisation.pk, "until": previous.until.isoformat()}
        if previous
        else {"organisation": organisation.pk, "until": None},
        after={"organisation": organisation.pk, "until": until.isoformat()},
    )
    return reopening


@transaction.atomic
def close_round(round_: ReportingRound, *, by: User, now: datetime.datetime) -> ReportingRound:
    """End a round once its deadline has passed and nothing awaits review: no agency reports
    in it any more, reopened or not."""
    require_coordinator(by, round_.plan)
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state == RoundState.CLOSED:
        raise ReportingError(_("The round is already closed."))
    if now < round_.deadline:
        raise ReportingError(_("The round is open until its deadline; it cannot be closed yet."))
    waiting = sum(
        latest_only(model.objects.filter(round=round_, state=ReviewState.SUBMITTED)).count()
        for model in (TaskUpdate, IndicatorValue)
    )
    if waiting:
        raise ReportingError(
            _("%(count)s reports still await review; accept or return them first.")
            % {"count": waiting}
        )
    _set_state(round_, RoundState.CLOSED, Action.ROUND_CLOSED, by=by, now=now)
    results_changed_after_commit(round_.plan, now=now, closed_round=round_)
    after_commit(RoundClosed(round_id=round_.pk, plan_id=round_.plan_id, now=now))
    return round_

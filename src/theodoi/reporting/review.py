"""The coordinator's review of submitted task updates and indicator figures: accept, return
with a reason, accept several at once. Each review is a new version of the report."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.plans.models import Plan
from theodoi.reporting.access import require_coordinator
from theodoi.reporting.errors import ReportingError, StaleVersionError
from theodoi.reporting.events import ReportAccepted, after_commit, results_changed_after_commit
from theodoi.reporting.models import IndicatorValue, ReviewState, TaskUpdate, Version
from theodoi.reporting.versions import Report, insert_version, latest_version, thread_of
from theodoi.users import User

_REVIEWED: dict[tuple[type[Version], ReviewState], Action] = {
    (TaskUpdate, ReviewState.ACCEPTED): Action.UPDATE_ACCEPTED,
    (TaskUpdate, ReviewState.RETURNED): Action.UPDATE_RETURNED,
    (IndicatorValue, ReviewState.ACCEPTED): Action.VALUE_ACCEPTED,
    (IndicatorValue, ReviewState.RETURNED): Action.VALUE_RETURNED,
}


def _changed_message() -> str:
    return _("This report has changed since you opened it; review its latest version.")


def _review(
    report: Report,
    state: ReviewState,
    *,
    by: User,
    reason: str = "",
    now: datetime.datetime,
) -> Report:
    require_coordinator(by, report.round.plan)
    model = type(report)
    latest = latest_version(model, **thread_of(report))
    if latest is None or latest.version != report.version:
        raise StaleVersionError(_changed_message(), latest)
    if latest.state != ReviewState.SUBMITTED:
        raise ReportingError(
            _("Only a submitted report can be reviewed; this one is %(state)s.")
            % {"state": latest.get_state_display()}
        )
    thread = thread_of(latest)
    fields = {
        field.attname: getattr(latest, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in thread and field.attname != "version"
    }
    fields.update(state=state, return_reason=reason, created_at=now, created_by_id=by.pk)
    try:
        reviewed = insert_version(model, latest, latest.version, thread, fields)
    except StaleVersionError as conflict:
        # Another reviewer's version got in between (PostgreSQL lets both read the same
        # latest): the same message as when it came in before.
        raise StaleVersionError(_changed_message(), conflict.current) from None
    record(
        _REVIEWED[model, state],
        reviewed,
        by=by,
        now=now,
        before=latest.data(),
        after=reviewed.data(),
    )
    return reviewed


def _announce_accepted(report: TaskUpdate | IndicatorValue, now: datetime.datetime) -> None:
    kind = "task_update" if isinstance(report, TaskUpdate) else "indicator_value"
    after_commit(
        ReportAccepted(kind=kind, report_id=report.pk, plan_id=report.round.plan_id, now=now)
    )


@transaction.atomic
def accept_update(report: Report, *, by: User, now: datetime.datetime) -> Report:
    """Accept a submitted task update or indicator figure: from now on it counts."""
    accepted = _review(report, ReviewState.ACCEPTED, by=by, now=now)
    results_changed_after_commit(accepted.round.plan, now=now)
    _announce_accepted(accepted, now)
    return accepted


@transaction.atomic
def return_update(report: Report, *, by: User, reason: str, now: datetime.datetime) -> Report:
    """Send a submitted update back to its agency with the reason, which it must address."""
    reason = reason.strip()
    if not reason:
        raise ReportingError(_("Give the reason for returning the report."))
    return _review(report, ReviewState.RETURNED, by=by, reason=reason, now=now)


@transaction.atomic
def bulk_accept(
    reports: Iterable[TaskUpdate | IndicatorValue], *, by: User, now: datetime.datetime
) -> list[TaskUpdate | IndicatorValue]:
    """Accept several at once: all of them, or none when one cannot be."""
    accepted = [_review(report, ReviewState.ACCEPTED, by=by, now=now) for report in reports]
    for plan in Plan.objects.filter(rounds__in={report.round_id for report in accepted}).distinct():
        results_changed_after_commit(plan, now=now)
    for report in accepted:
        _announce_accepted(report, now)
    return accepted

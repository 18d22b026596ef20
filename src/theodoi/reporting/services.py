"""Every write of reporting: rounds, task updates, indicator figures, evidence and review.

Each function is atomic, checks its preconditions, raises :class:`ReportingError` with a
Vietnamese message and leaves an audit entry with the data before and after. A save carries
the version it started from (``based_on``, 0 for a first save); when someone saved the same
report since, it is refused with :class:`StaleVersionError`, which carries their version.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeVar

import filetype
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.log import record
from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.models import AgencyRole, Indicator, Plan, PlanStatus, Task
from theodoi.reporting.checks import check_figure
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    ReviewState,
    RoundReopening,
    RoundState,
    TaskUpdate,
)
from theodoi.reporting.schedule import Schedule
from theodoi.reporting.versions import latest_only
from theodoi.reporting.workbook import INDICATOR_SHEET, TASK_SHEET, Reading
from theodoi.snapshots.services import rebuild_after_commit

User = AbstractBaseUser
Report = TypeVar("Report", TaskUpdate, IndicatorValue)

# What evidence may be: documents and pictures an office produces, told from the content.
EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.oasis.opendocument.text": "OpenDocument (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument (.ods)",
}


# --- who and when ----------------------------------------------------------------------------


def _require_coordinator(by: User) -> None:
    if persona_of(by).role not in {Role.ADMIN, Role.COORDINATOR}:
        raise ReportingError(_("Only the coordinating agency can do this."))


def _reporter_organisation(by: User) -> Organisation:
    persona = persona_of(by)
    if persona.role != Role.REPORTER or persona.organisation is None:
        raise ReportingError(_("Only a reporter of an implementing agency can report."))
    return persona.organisation


def task_role(task: Task, organisation: Organisation) -> str | None:
    """``lead`` or ``cooperating`` when ``organisation`` (or a body it succeeded) is named on
    the task; lead wins when it is named both ways."""
    roles = set(
        task.agencies.filter(organisation_id__in=organisation.lineage_ids()).values_list(
            "role", flat=True
        )
    )
    if AgencyRole.LEAD in roles:
        return AgencyRole.LEAD
    return AgencyRole.COOPERATING if roles else None


def reports_on_indicator(indicator: Indicator, organisation: Organisation) -> bool:
    return indicator.agencies.filter(organisation_id__in=organisation.lineage_ids()).exists()


def accepts_reports_from(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> bool:
    """Open and before its deadline, or reopened for this agency until a later time."""
    if round_.state == RoundState.CLOSED:
        return False
    if round_.state == RoundState.OPEN and now < round_.deadline:
        return True
    return round_.reopenings.filter(organisation=organisation, until__gt=now).exists()


def _require_accepting(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> None:
    # The page may have loaded the round before the coordinator locked or closed it.
    round_.refresh_from_db(fields=["state", "deadline"])
    if not accepts_reports_from(round_, organisation, now):
        raise ReportingError(
            _(
                "The round “%(round)s” is locked since %(deadline)s; ask the coordinating "
                "agency to reopen it for your agency."
            )
            % {
                "round": round_,
                "deadline": timezone.localtime(round_.deadline).strftime("%H:%M %d/%m/%Y"),
            }
        )


# --- schedules and rounds --------------------------------------------------------------------


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
        "reporting.schedule.set",
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
    _require_coordinator(by)
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
    days = sorted(set(reminder_days if reminder_days is not None else [7, 3, 1]), reverse=True)
    if any(day < 1 or day > 60 for day in days):
        raise ReportingError(_("Reminder days must be between 1 and 60 days before the deadline."))
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
    record("reporting.round.opened", round_, by=by, now=now, after=_round_data(round_))
    return round_


def _round_data(round_: ReportingRound) -> dict[str, Any]:
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


@transaction.atomic
def lock_due_rounds(now: datetime.datetime) -> list[ReportingRound]:
    """Lock every open round whose deadline has come; running it twice locks nothing twice."""
    locked = []
    for round_ in ReportingRound.objects.select_for_update().filter(
        state=RoundState.OPEN, deadline__lte=now
    ):
        round_.state = RoundState.LOCKED
        round_.save(update_fields=["state"])
        record(
            "reporting.round.locked",
            round_,
            by=None,
            now=now,
            before={"state": RoundState.OPEN},
            after={"state": RoundState.LOCKED},
        )
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
    _require_coordinator(by)
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    if round_.state == RoundState.CLOSED:
        raise ReportingError(_("The round is closed; it cannot be reopened."))
    if round_.state == RoundState.OPEN and now < round_.deadline:
        raise ReportingError(_("The round is still open; there is nothing to reopen."))
    if until <= now:
        raise ReportingError(_("The reopening must last until a time in the future."))
    takes_part = (
        Task.objects.filter(
            plan=round_.plan_id, agencies__organisation_id__in=organisation.lineage_ids()
        ).exists()
        or Indicator.objects.filter(
            plan=round_.plan_id, agencies__organisation_id__in=organisation.lineage_ids()
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
        "reporting.round.reopened",
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
    _require_coordinator(by)
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
    before = round_.state
    round_.state = RoundState.CLOSED
    round_.save(update_fields=["state"])
    record(
        "reporting.round.closed",
        round_,
        by=by,
        now=now,
        before={"state": before},
        after={"state": RoundState.CLOSED},
    )
    rebuild_after_commit(round_.plan, now=now, closed_round=round_)
    return round_


# --- versions --------------------------------------------------------------------------------


def thread_of(report: TaskUpdate | IndicatorValue) -> dict[str, Any]:
    """The fields every version of one report shares."""
    if isinstance(report, TaskUpdate):
        return {
            "round_id": report.round_id,
            "task_id": report.task_id,
            "organisation_id": report.organisation_id,
        }
    if report.is_baseline:
        return {"indicator_id": report.indicator_id, "is_baseline": True}
    return {
        "round_id": report.round_id,
        "indicator_id": report.indicator_id,
        "organisation_id": report.organisation_id,
        "is_baseline": False,
    }


def latest_version(model: type[Report], **thread: Any) -> Report | None:
    return model.objects.filter(**thread).order_by("-version").first()


def _stale_message() -> str:
    return _(
        "Someone else saved this report after you opened it; nothing of yours was saved. "
        "Their version is shown below: review it and enter your changes again."
    )


def _insert_version(
    model: type[Report],
    previous: Report | None,
    based_on: int,
    thread: dict[str, Any],
    fields: dict[str, Any],
) -> Report:
    """Insert the next version of the report ``thread`` names, or refuse when ``based_on`` is
    not its latest. Two saves from the same version race for the same number and the
    database's unique constraint lets only one in."""
    current = previous.version if previous else 0
    if based_on != current:
        raise StaleVersionError(_stale_message(), previous)
    try:
        with transaction.atomic():
            return model.objects.create(version=current + 1, **thread, **fields)
    except IntegrityError:
        newer = model.objects.filter(**thread, version__gt=current).order_by("-version").first()
        if newer is None:
            raise
        raise StaleVersionError(_stale_message(), newer) from None


# --- task updates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateContent:
    """What a reporter fills in for one task."""

    status: str
    progress: int
    completed_on: datetime.date | None = None
    results: str = ""
    product: str = ""
    difficulties: str = ""
    proposals: str = ""


def content_problems(content: UpdateContent, *, today: datetime.date) -> list[str]:
    """What is wrong with an update's content, each message naming the field."""
    problems = []
    try:
        status = TaskStatus.from_code(content.status)
    except ValueError:
        return [
            _("Status: “%(value)s” is not one of the six statuses.") % {"value": content.status}
        ]
    if not 0 <= content.progress <= 100:
        problems.append(
            _("Progress: %(value)s%% is not between 0 and 100%%.") % {"value": content.progress}
        )
    if status.done:
        if content.completed_on is None:
            problems.append(_("Completed on: a completed task needs its completion date."))
        if content.progress != 100:
            problems.append(_("Progress: a completed task is at 100%."))
    elif content.completed_on is not None:
        problems.append(_("Completed on: only a completed task has a completion date."))
    if content.completed_on is not None and content.completed_on > today:
        problems.append(_("Completed on: the date is in the future."))
    return problems


def _save_update(
    round_: ReportingRound,
    task: Task,
    content: UpdateContent,
    *,
    state: ReviewState,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> TaskUpdate:
    organisation = _reporter_organisation(by)
    if task.plan_id != round_.plan_id:
        raise ReportingError(_("This task is not part of the round's plan."))
    role = task_role(task, organisation)
    if role is None:
        raise ReportingError(
            _("%(organisation)s neither leads nor cooperates on task %(task)s.")
            % {"organisation": organisation, "task": task.code}
        )
    _require_accepting(round_, organisation, now)
    problems = content_problems(content, today=timezone.localdate(now))
    if problems:
        raise ReportingError(" ".join(problems))
    thread = {"round_id": round_.pk, "task_id": task.pk, "organisation_id": organisation.pk}
    previous = latest_version(TaskUpdate, **thread)
    if previous is not None and previous.state in {ReviewState.SUBMITTED, ReviewState.ACCEPTED}:
        if previous.version != based_on:
            raise StaleVersionError(_stale_message(), previous)
        raise ReportingError(
            _("This update was %(state)s; it can no longer be changed in this round.")
            % {"state": previous.get_state_display()}
        )
    update = _insert_version(
        TaskUpdate,
        previous,
        based_on,
        thread,
        {
            "role": role,
            "state": state,
            "created_at": now,
            "created_by": by,
            "status": content.status,
            "progress": content.progress,
            "completed_on": content.completed_on,
            "results": content.results.strip(),
            "product": content.product.strip(),
            "difficulties": content.difficulties.strip(),
            "proposals": content.proposals.strip(),
        },
    )
    verb = "submitted" if state == ReviewState.SUBMITTED else "saved"
    record(
        f"reporting.update.{verb}",
        update,
        by=by,
        now=now,
        before=previous.data() if previous else None,
        after=update.data(),
    )
    return update


@transaction.atomic
def save_draft(
    round_: ReportingRound,
    task: Task,
    content: UpdateContent,
    *,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> TaskUpdate:
    """Keep what the reporter typed, to come back to; the coordinator does not see it yet."""
    return _save_update(
        round_, task, content, state=ReviewState.DRAFT, by=by, based_on=based_on, now=now
    )


@transaction.atomic
def submit_update(
    round_: ReportingRound,
    task: Task,
    content: UpdateContent,
    *,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> TaskUpdate:
    """Send the update to the coordinator for review; it cannot be changed until returned."""
    return _save_update(
        round_, task, content, state=ReviewState.SUBMITTED, by=by, based_on=based_on, now=now
    )


# --- review ----------------------------------------------------------------------------------


def _kind(report: TaskUpdate | IndicatorValue) -> str:
    return "update" if isinstance(report, TaskUpdate) else "value"


def _review(
    report: Report,
    state: ReviewState,
    *,
    by: User,
    reason: str = "",
    now: datetime.datetime,
) -> Report:
    _require_coordinator(by)
    model = type(report)
    latest = latest_version(model, **thread_of(report))
    if latest is None or latest.version != report.version:
        raise StaleVersionError(
            _("This report has changed since you opened it; review its latest version."), latest
        )
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
    reviewed = _insert_version(model, latest, latest.version, thread, fields)
    record(
        f"reporting.{_kind(report)}.{state}",
        reviewed,
        by=by,
        now=now,
        before=latest.data(),
        after=reviewed.data(),
    )
    return reviewed


@transaction.atomic
def accept_update(report: Report, *, by: User, now: datetime.datetime) -> Report:
    """Accept a submitted task update or indicator figure: from now on it counts."""
    accepted = _review(report, ReviewState.ACCEPTED, by=by, now=now)
    rebuild_after_commit(accepted.round.plan, now=now)
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
    for plan in {report.round.plan for report in accepted}:
        rebuild_after_commit(plan, now=now)
    return accepted


# --- indicator figures -----------------------------------------------------------------------


def last_accepted_figure(indicator: Indicator, before: ReportingRound) -> float | None:
    """The figure the indicator had before this round: its latest accepted value of an earlier
    round, else its accepted baseline."""
    earlier = (
        IndicatorValue.objects.filter(
            indicator=indicator,
            state=ReviewState.ACCEPTED,
            is_baseline=False,
            round__deadline__lt=before.deadline,
        )
        .order_by("-round__deadline", "-version")
        .first()
    )
    if earlier is not None:
        return earlier.value
    baseline = IndicatorValue.objects.filter(
        indicator=indicator, is_baseline=True, state=ReviewState.ACCEPTED
    ).first()
    if baseline is not None:
        return baseline.value
    return indicator.baseline_value


@transaction.atomic
def record_indicator_value(
    round_: ReportingRound,
    indicator: Indicator,
    *,
    value: float,
    measured_on: datetime.date,
    note: str = "",
    source: str = "",
    baseline: bool = False,
    confirmed: bool = False,
    submit: bool = False,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> IndicatorValue:
    """Record an agency's figure for an indicator in a round (or the indicator's baseline,
    which is entered once), as a draft or submitted."""
    organisation = _reporter_organisation(by)
    if indicator.plan_id != round_.plan_id:
        raise ReportingError(_("This indicator is not part of the round's plan."))
    if not reports_on_indicator(indicator, organisation):
        raise ReportingError(
            _("%(organisation)s is not among the agencies of indicator %(indicator)s.")
            % {"organisation": organisation, "indicator": indicator.code}
        )
    _require_accepting(round_, organisation, now)
    where = _("Indicator %(code)s: ") % {"code": indicator.code}
    if measured_on > round_.cut_off:
        raise ReportingError(
            where
            + _("the figure's date %(date)s is after the data cut-off %(cut_off)s.")
            % {
                "date": measured_on.strftime("%d/%m/%Y"),
                "cut_off": round_.cut_off.strftime("%d/%m/%Y"),
            }
        )
    if not baseline and measured_on < round_.period_start:
        raise ReportingError(
            where
            + _("the figure's date %(date)s is before the round's period.")
            % {"date": measured_on.strftime("%d/%m/%Y")}
        )
    previous_figure = None if baseline else last_accepted_figure(indicator, round_)
    check = check_figure(
        value, unit=indicator.unit, comparator=indicator.comparator, previous=previous_figure
    )
    if check.errors:
        raise ReportingError(where + " ".join(check.errors))
    if check.confirm and not confirmed:
        raise ConfirmationNeededError(where + " ".join(check.confirm))
    if baseline:
        thread: dict[str, Any] = {"indicator_id": indicator.pk, "is_baseline": True}
    else:
        thread = {
            "round_id": round_.pk,
            "indicator_id": indicator.pk,
            "organisation_id": organisation.pk,
            "is_baseline": False,
        }
    previous = latest_version(IndicatorValue, **thread)
    if previous is not None and previous.state in {ReviewState.SUBMITTED, ReviewState.ACCEPTED}:
        if previous.version != based_on:
            raise StaleVersionError(_stale_message(), previous)
        if baseline:
            raise ReportingError(
                where
                + _("its baseline was entered on %(date)s and can be entered only once.")
                % {"date": timezone.localtime(previous.created_at).strftime("%d/%m/%Y")}
            )
        raise ReportingError(
            where
            + _("this figure was %(state)s; it can no longer be changed in this round.")
            % {"state": previous.get_state_display()}
        )
    if baseline and previous is not None and previous.organisation_id != organisation.pk:
        raise ReportingError(
            where
            + _("its baseline is being entered by %(organisation)s.")
            % {"organisation": previous.organisation}
        )
    row = _insert_version(
        IndicatorValue,
        previous,
        based_on,
        thread,
        {
            # A baseline's thread is the indicator's; it still records who entered it, when.
            **{
                key: value
                for key, value in {
                    "round_id": round_.pk,
                    "organisation_id": organisation.pk,
                }.items()
                if key not in thread
            },
            "value": float(value),
            "measured_on": measured_on,
            "note": note.strip(),
            "source": source.strip(),
            "confirmed_jump": bool(check.confirm),
            "state": ReviewState.SUBMITTED if submit else ReviewState.DRAFT,
            "created_at": now,
            "created_by": by,
        },
    )
    record(
        "reporting.value.submitted" if submit else "reporting.value.saved",
        row,
        by=by,
        now=now,
        before=previous.data() if previous else None,
        after=row.data(),
    )
    return row


# --- evidence --------------------------------------------------------------------------------


def evidence_problem(filename: str, data: bytes, max_bytes: int) -> str | None:
    """Why this file cannot be evidence, in Vietnamese; None when it can."""
    if not data:
        return _("The file “%(name)s” is empty.") % {"name": filename}
    if len(data) > max_bytes:
        return _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.") % {
            "name": filename,
            "size": f"{len(data) / 1024 / 1024:.1f}".replace(".", ","),
            "limit": max_bytes // 1024 // 1024,
        }
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        return _(
            "The file “%(name)s” is not a PDF, Word, Excel, OpenDocument, JPEG or PNG file "
            "(judged from its content)."
        ) % {"name": filename}
    return None


@transaction.atomic
def attach_evidence(
    round_: ReportingRound, task: Task, file: File, *, by: User, now: datetime.datetime
) -> Evidence:
    """Keep a file backing the agency's report on ``task`` in this round."""
    organisation = _reporter_organisation(by)
    if task.plan_id != round_.plan_id or task_role(task, organisation) is None:
        raise ReportingError(
            _("%(organisation)s neither leads nor cooperates on task %(task)s.")
            % {"organisation": organisation, "task": task.code}
        )
    _require_accepting(round_, organisation, now)
    filename = PurePath(file.name or "minh-chung").name[:255]
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    problem = evidence_problem(filename, data, settings.THEODOI_MAX_UPLOAD_BYTES)
    if problem:
        raise ReportingError(problem)
    sha256 = hashlib.sha256(data).hexdigest()
    if Evidence.objects.filter(
        round=round_, task=task, organisation=organisation, sha256=sha256
    ).exists():
        raise ReportingError(
            _("The file “%(name)s” is already attached to this task.") % {"name": filename}
        )
    kind = filetype.guess(data[:8192])
    evidence = Evidence(
        round=round_,
        task=task,
        organisation=organisation,
        filename=filename,
        sha256=sha256,
        size=len(data),
        content_type=kind.mime if kind else "application/octet-stream",
        uploaded_at=now,
        uploaded_by=by,
    )
    evidence.file.save(filename, ContentFile(data), save=False)
    evidence.save()
    record(
        "reporting.evidence.attached",
        evidence,
        by=by,
        now=now,
        before=None,
        after={
            "task": task.pk,
            "round": round_.pk,
            "filename": filename,
            "sha256": sha256,
            "size": len(data),
            "content_type": evidence.content_type,
        },
    )
    return evidence


# --- workbook upload -------------------------------------------------------------------------


@transaction.atomic
def apply_workbook(
    round_: ReportingRound,
    reading: Reading,
    *,
    submit: bool,
    by: User,
    now: datetime.datetime,
) -> int:
    """Apply the changes of a previewed workbook: all of them, or none when any is refused
    (the error names the row). Returns how many reports were saved."""
    if reading.errors:
        raise ReportingError(_("The workbook has errors; correct them and upload it again."))
    tasks = Task.objects.in_bulk([c.task_id for c in reading.tasks])
    indicators = Indicator.objects.in_bulk([c.indicator_id for c in reading.indicators])
    write = submit_update if submit else save_draft
    for change in reading.tasks:
        content = UpdateContent(
            status=change.status,
            progress=change.progress,
            completed_on=change.completed_on,
            results=change.results,
            product=change.product,
            difficulties=change.difficulties,
            proposals=change.proposals,
        )
        try:
            write(round_, tasks[change.task_id], content, by=by, based_on=change.based_on, now=now)
        except ReportingError as refused:
            raise ReportingError(
                _("Sheet “%(sheet)s”, row %(row)s: %(reason)s")
                % {"sheet": TASK_SHEET, "row": change.row, "reason": refused}
            ) from refused
    for figure in reading.indicators:
        try:
            record_indicator_value(
                round_,
                indicators[figure.indicator_id],
                value=figure.value,
                measured_on=figure.measured_on,
                note=figure.note,
                source=figure.source,
                # The preview showed each figure to be confirmed before the upload was applied.
                confirmed=True,
                submit=submit,
                by=by,
                based_on=figure.based_on,
                now=now,
            )
        except ReportingError as refused:
            raise ReportingError(
                _("Sheet “%(sheet)s”, row %(row)s: %(reason)s")
                % {"sheet": INDICATOR_SHEET, "row": figure.row, "reason": refused}
            ) from refused
    return len(reading.tasks) + len(reading.indicators)

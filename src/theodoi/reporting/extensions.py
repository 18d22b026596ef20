"""Requests to extend a task's deadline (đề nghị gia hạn): the lead agency asks, with a reason
and a proposed day; the coordinator of the plan's scope grants it (maybe with another day) or
refuses it, with a comment. The plan's own time is never changed: the granted day is the
task's deadline from the decision on (``reporting.deadlines``), and the task shows both.

``request_problems`` and ``decision_problems`` decide; they are plain functions of their
arguments. The services check the facts around them (who asks, which task, what is open) and
write, atomically and audited.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.evaluation.wording import vn_date
from theodoi.plans.models import AgencyRole, PlanStatus, Task
from theodoi.reporting.access import (
    Who,
    coordinates,
    found_or_404,
    is_staff_reader,
    reporter_organisation,
    require_coordinator,
    require_reporter,
    task_role,
    visible_tasks,
)
from theodoi.reporting.announcements import (
    ExtensionDecided,
    ExtensionRequested,
    announce_after_commit,
)
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.errors import ReportingError, refuse
from theodoi.reporting.events import results_changed_after_commit
from theodoi.reporting.models import DeadlineExtension, ExtensionState
from theodoi.texts import too_long
from theodoi.users import User

# Bounds of what a person types (STYLE.md rule 18).
REASON_MAX = 2000
COMMENT_MAX = 2000
# An extension moves a deadline by at most this much: a later day is a new plan, not a delay.
LONGEST = datetime.timedelta(days=5 * 366)


def _date_problems(
    current_on: datetime.date | None, asked: datetime.date | None, what: str
) -> list[str]:
    if current_on is None:
        return [
            _(
                "This task has no deadline to extend (its time is recurring, unspecified or "
                "waiting for a condition)."
            )
        ]
    if asked is None:
        return [_("Give the %(what)s.") % {"what": what}]
    if asked <= current_on:
        return [
            capfirst(
                _("The %(what)s (%(asked)s) must be later than the deadline in force, %(current)s.")
                % {"what": what, "asked": vn_date(asked), "current": vn_date(current_on)}
            )
        ]
    if asked - current_on > LONGEST:
        return [
            capfirst(
                _(
                    "The %(what)s (%(asked)s) is more than five years after the deadline in force; "
                    "change the plan instead."
                )
                % {"what": what, "asked": vn_date(asked)}
            )
        ]
    return []


def request_problems(
    *,
    current_on: datetime.date | None,
    proposed_on: datetime.date | None,
    reason: str,
    open_request: bool,
    lead: bool,
) -> list[str]:
    """What is wrong with a request to move a deadline in force on ``current_on`` to
    ``proposed_on``, in Vietnamese, one sentence per problem; empty when it may be made."""
    problems = []
    if not lead:
        problems.append(_("Only a reporter of the task's lead agency can ask for an extension."))
    if open_request:
        problems.append(_("This task already has a request for an extension awaiting a decision."))
    problems += _date_problems(current_on, proposed_on, _("proposed deadline"))
    text = reason.strip()
    if not text:
        problems.append(_("Give the reason for the extension."))
    problems += too_long(
        text, REASON_MAX, _("The reason is %(length)s characters long; at most %(limit)s are kept.")
    )
    return problems


def decision_problems(
    *,
    grant: bool,
    current_on: datetime.date | None,
    granted_on: datetime.date | None,
    comment: str,
) -> list[str]:
    """What is wrong with granting (to ``granted_on``) or refusing a request, the deadline in
    force being ``current_on``; empty when the decision may be recorded."""
    problems = []
    text = comment.strip()
    if grant:
        problems += _date_problems(current_on, granted_on, _("granted deadline"))
    elif not text:
        problems.append(_("Say why the extension is refused."))
    problems += too_long(
        text,
        COMMENT_MAX,
        _("The comment is %(length)s characters long; at most %(limit)s are kept."),
    )
    return problems


def _open(task: Task) -> DeadlineExtension | None:
    return task.extensions.filter(state=ExtensionState.OPEN).first()


@transaction.atomic
def request_extension(
    task: Task,
    *,
    by: User,
    proposed_on: datetime.date | None,
    reason: str,
    now: datetime.datetime,
) -> DeadlineExtension:
    """The lead agency of ``task`` asks to move its deadline to ``proposed_on``."""
    organisation = require_reporter(by)
    # One request at a time per task: the row lock orders two requests sent at once.
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if task.archived_at is not None or task.plan.status != PlanStatus.PUBLISHED:
        raise ReportingError(_("Only a task of a published plan can be extended."))
    current = deadline_of(task)
    refuse(
        request_problems(
            current_on=current.on,
            proposed_on=proposed_on,
            reason=reason,
            open_request=_open(task) is not None,
            lead=task_role(task, organisation) == AgencyRole.LEAD,
        )
    )
    # request_problems refused a missing day.
    assert current.on is not None
    assert proposed_on is not None
    try:
        with transaction.atomic():
            extension = DeadlineExtension.objects.create(
                task=task,
                organisation=organisation,
                reason=reason.strip(),
                current_on=current.on,
                proposed_on=proposed_on,
                requested_at=now,
                requested_by=by,
            )
    except IntegrityError as clash:  # a request made at the same moment got in first
        raise ReportingError(
            _("This task already has a request for an extension awaiting a decision.")
        ) from clash
    record(
        Action.EXTENSION_REQUESTED,
        extension,
        by=by,
        now=now,
        after={
            "task": task.pk,
            "organisation": organisation.pk,
            "current_on": current.on.isoformat(),
            "proposed_on": proposed_on.isoformat(),
            "reason": extension.reason,
        },
    )
    announce_after_commit(ExtensionRequested(extension.pk, now))
    return extension


@transaction.atomic
def decide_extension(
    extension: DeadlineExtension,
    *,
    by: User,
    grant: bool,
    granted_on: datetime.date | None = None,
    comment: str = "",
    now: datetime.datetime,
) -> DeadlineExtension:
    """The coordinator grants ``extension`` (to ``granted_on``, by default the day asked
    for) or refuses it; the task's deadline moves on a grant only."""
    extension = (
        DeadlineExtension.objects.select_for_update()
        .select_related("task__plan")
        .get(pk=extension.pk)
    )
    task = extension.task
    require_coordinator(by, task.plan)
    if extension.state != ExtensionState.OPEN:
        raise ReportingError(
            _("This request was already decided: %(state)s.")
            % {"state": extension.get_state_display()}
        )
    day = (granted_on or extension.proposed_on) if grant else None
    # The deadline may have moved since the request (a plan amended): judged against today's.
    current = deadline_of(task)
    refuse(decision_problems(grant=grant, current_on=current.on, granted_on=day, comment=comment))
    extension.state = ExtensionState.GRANTED if grant else ExtensionState.REFUSED
    extension.granted_on = day
    extension.comment = comment.strip()
    extension.decided_at = now
    extension.decided_by = by
    extension.save(update_fields=["state", "granted_on", "comment", "decided_at", "decided_by"])
    record(
        Action.EXTENSION_GRANTED if grant else Action.EXTENSION_REFUSED,
        extension,
        by=by,
        now=now,
        before={"state": ExtensionState.OPEN, "deadline": current.on and current.on.isoformat()},
        after={
            "state": extension.state,
            "granted_on": day.isoformat() if day else None,
            "comment": extension.comment,
        },
    )
    if grant:
        results_changed_after_commit(task.plan, now=now)
    announce_after_commit(ExtensionDecided(extension.pk, now))
    return extension


# --- what a person sees ------------------------------------------------------------------


def visible_extensions(who: Who) -> QuerySet[DeadlineExtension]:
    """The requests on the tasks ``who`` reads; a reporter's, those of its own agency only."""
    rows = DeadlineExtension.objects.filter(task__in=visible_tasks(who)).select_related(
        "task__plan", "organisation"
    )
    organisation = reporter_organisation(who)
    if organisation is not None and not is_staff_reader(who):
        rows = rows.filter(organisation_id__in=organisation.lineage_ids())
    return rows


def get_extension_for(who: Who, extension_id: int) -> DeadlineExtension:
    """The request, if ``who`` may see it (else Http404: a forged or foreign id)."""
    return found_or_404(visible_extensions(who), extension_id)


def may_decide(who: Who, extension: DeadlineExtension) -> bool:
    return extension.state == ExtensionState.OPEN and coordinates(who, extension.task.plan)


def may_request(who: Who, task: Task) -> bool:
    organisation = reporter_organisation(who)
    return organisation is not None and task_role(task, organisation) == AgencyRole.LEAD

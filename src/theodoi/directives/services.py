"""Issuing and answering directives, and who sees them: every write atomic and audited.

A leader or the coordinator of the plan's scope issues a directive to an agency of the plan,
on one of its tasks (say, a red one) or on its work as a whole, with the day an answer is due;
that agency's reporter answers. Staff readers of the scope read every directive of its plans,
an inspector among them without writing; a reporter reads its own agency's."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.directives.agencies import plan_agencies
from theodoi.directives.errors import DirectiveError
from theodoi.directives.models import TEXT_LENGTH, Directive, DirectiveState
from theodoi.orgs.models import Organisation
from theodoi.plans.models import PLAN_DOCUMENTS, AgencyRole, Plan, PlanStatus, Task
from theodoi.reporting.access import (
    Who,
    coordinates,
    found_or_404,
    in_scope,
    is_leader,
    persona,
    reports_for,
    visible_addressed,
    visible_tasks,
)
from theodoi.texts import bounded_text
from theodoi.users import User


def may_direct(who: Who, plan: Plan) -> bool:
    """A leader of the plan's scope (the nation's too) or its coordinator; an inspector reads
    directives and writes none."""
    return (is_leader(who) and in_scope(who, plan.province_id)) or coordinates(who, plan)


def answers_for(who: Who, directive: Directive) -> bool:
    """``who`` reports for the directive's agency (or the body it succeeded)."""
    return reports_for(who, directive.agency_id)


def visible_directives(who: Who) -> QuerySet[Directive]:
    """Staff readers: the directives of the plans of their scope, except those on a task they
    may not read (a confidential one); reporters: their agency's; the public: none."""
    rows = Directive.objects.select_related("plan", "task", "agency").defer(
        *(f"plan__{name}" for name in PLAN_DOCUMENTS)
    )
    # Each directive's task looked up by its key: ``task__in`` hashed every task the reader
    # may see (the whole country for a national reader) to find a directive's few.
    found = persona(who)
    readable = Q(task__isnull=True) | Exists(visible_tasks(found).filter(pk=OuterRef("task_id")))
    return visible_addressed(found, rows, readable)


def get_directive_for(who: Who, directive_id: int) -> Directive:
    return found_or_404(visible_directives(who), directive_id)


def open_directives(who: Who, plan: Plan | None = None) -> QuerySet[Directive]:
    rows = visible_directives(who).filter(state=DirectiveState.OPEN)
    return rows.filter(plan=plan) if plan is not None else rows


def _lead_of(task: Task, today: datetime.date) -> Organisation | None:
    mention = task.agencies.filter(role=AgencyRole.LEAD, organisation__isnull=False).first()
    if mention is None or mention.organisation is None:
        return None
    return mention.organisation.current(today)


@transaction.atomic
def issue_directive(
    plan: Plan,
    *,
    task: Task | None,
    agency: Organisation | None,
    text: str,
    due: datetime.date,
    by: User,
    now: datetime.datetime,
) -> Directive:
    """Give ``agency`` (by default the task's lead agency) an instruction, answered by
    ``due``; refused with a message naming the field when anything is wrong."""
    if not may_direct(by, plan):
        raise DirectiveError(
            _("Only a leader or the coordinating agency of the plan's province can direct.")
        )
    if plan.status != PlanStatus.PUBLISHED:
        raise DirectiveError(_("Plan: directives are given on a published plan."))
    today = timezone.localdate(now)
    text = bounded_text(text, _("Instruction"), limit=TEXT_LENGTH, refuse=DirectiveError)
    if due < today:
        raise DirectiveError(
            _("Answer due by: %(due)s is in the past; choose today or a later day.")
            % {"due": due.strftime("%d/%m/%Y")}
        )
    if task is not None and (
        task.plan_id != plan.pk or not visible_tasks(by).filter(pk=task.pk).exists()
    ):
        raise DirectiveError(_("Task: this task is not one of the plan's tasks you can see."))
    if agency is None and task is not None:
        agency = _lead_of(task, today)
    if agency is None:
        raise DirectiveError(_("Agency: choose the agency that must answer."))
    if not plan_agencies(plan, today=today).filter(pk=agency.pk).exists():
        raise DirectiveError(
            _("Agency: %(agency)s carries out no task or indicator of this plan.")
            % {"agency": agency.name}
        )
    directive = Directive.objects.create(
        plan=plan,
        task=task,
        agency=agency,
        text=text,
        due=due,
        issued_at=now,
        issued_by=by,
    )
    record(
        Action.DIRECTIVE_ISSUED,
        directive,
        by=by,
        now=now,
        after={
            "plan": plan.pk,
            "task": task.pk if task else None,
            "agency": agency.pk,
            "text": text,
            "due": due.isoformat(),
        },
    )
    return directive


@transaction.atomic
def answer_directive(
    directive: Directive, *, text: str, by: User, now: datetime.datetime
) -> Directive:
    """The agency's answer: once, by one of its reporters."""
    if not answers_for(by, directive):
        raise DirectiveError(_("Only a reporter of the agency directed can answer."))
    text = bounded_text(text, _("Answer"), limit=TEXT_LENGTH, refuse=DirectiveError)
    locked = Directive.objects.select_for_update().get(pk=directive.pk)
    if locked.state != DirectiveState.OPEN:
        raise DirectiveError(
            _("This directive was already answered on %(when)s.")
            % {"when": timezone.localtime(locked.answered_at or now).strftime("%d/%m/%Y")}
        )
    locked.answer, locked.answered_at, locked.answered_by = text, now, by
    locked.state = DirectiveState.ANSWERED
    locked.save(update_fields=["answer", "answered_at", "answered_by", "state"])
    record(
        Action.DIRECTIVE_ANSWERED,
        locked,
        by=by,
        now=now,
        before={"state": DirectiveState.OPEN.value},
        after={"state": locked.state, "answer": text},
    )
    return locked

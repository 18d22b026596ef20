"""The coordinator's inbox of feedback: the public's recommendations, reports and initiatives
and the difficulties and proposals agencies wrote in their accepted task updates, one list.

An item is new (mới) until the coordinator sends it to an agency of the plan with a day by
which to answer (đang xử lý); that agency's reporter answers (đã trả lời); the coordinator
approves the answer and publishes the question and the answer on the plan's portal page (đã
công khai). The sender's name, e-mail and telephone never leave the inbox. Each step is
atomic and audited; a refusal names the field in Vietnamese and stores nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.directives.agencies import plan_agencies
from theodoi.orgs.models import Organisation
from theodoi.plans.models import PLAN_DOCUMENTS, Plan
from theodoi.portal.errors import FeedbackError
from theodoi.portal.models import Feedback, FeedbackKind, FeedbackState
from theodoi.reporting.access import (
    Who,
    found_or_404,
    is_coordinator,
    persona,
    reports_for,
    visible_addressed,
)
from theodoi.reporting.events import ReportAccepted
from theodoi.reporting.models import ReviewState, TaskUpdate
from theodoi.reporting.versions import latest_only
from theodoi.texts import bounded_text
from theodoi.users import User

ANSWER_LENGTH = 5000
# Which field of an update each kind of agency feedback is read from.
REMARK_KINDS = {"difficulties": FeedbackKind.DIFFICULTY, "proposals": FeedbackKind.PROPOSAL}


# --- who sees and handles what ---------------------------------------------------------------


def visible_feedback(who: Who) -> QuerySet[Feedback]:
    """Staff readers: the feedback on the plans of their scope (the nation's also reads the
    feedback about no plan); reporters: what was sent to their agency; the public: none."""
    rows = Feedback.objects.select_related(
        "plan", "agency", "task_update__task", "task_update__organisation"
    ).defer(*(f"plan__{name}" for name in PLAN_DOCUMENTS))
    return visible_addressed(who, rows)


def get_feedback_for(who: Who, feedback_id: int) -> Feedback:
    return found_or_404(visible_feedback(who), feedback_id)


def handles(who: Who, feedback: Feedback) -> bool:
    """The coordinator of the feedback's plan's scope; feedback about no plan is the nation's
    coordinator's."""
    if not is_coordinator(who):
        return False
    scope_ids = persona(who).scope_ids
    if scope_ids is None:
        return True
    return feedback.plan is not None and feedback.plan.province_id in scope_ids


def answers_for(who: Who, feedback: Feedback) -> bool:
    """``who`` reports for the agency the item was sent to (or a body it succeeded)."""
    return reports_for(who, feedback.agency_id)


def published_questions(plan: Plan) -> QuerySet[Feedback]:
    """The questions and answers the portal shows on ``plan``'s page, newest first; read only
    ``public_question``, ``answer``, ``agency`` and ``published_at`` of them."""
    return (
        Feedback.objects.filter(plan=plan, state=FeedbackState.PUBLISHED)
        .select_related("agency")
        .only("public_question", "answer", "agency__name", "published_at", "kind")
        .order_by("-published_at", "-pk")
    )


# --- taking in what agencies reported --------------------------------------------------------


@transaction.atomic
def take_in_remarks(
    plan: Plan, *, now: datetime.datetime, update_id: int | None = None
) -> list[Feedback]:
    """Put each difficulty and proposal of the plan's latest accepted task updates in the
    inbox, once: an item already taken in from an earlier version saying the same is not
    taken again. ``update_id``: only that accepted update's (the one just reviewed)."""
    accepted = Q(state=ReviewState.ACCEPTED)
    # Only updates with a remark to take: a plan's accepted updates of every round and agency
    # are some 20,000 at national scale (issue 15).
    remarked = ~Q(**dict.fromkeys(REMARK_KINDS, ""))
    rows = TaskUpdate.objects.filter(accepted, round__plan=plan).filter(remarked)
    if update_id is not None:
        rows = rows.filter(pk=update_id)
    updates = list(
        latest_only(rows, among=accepted)
        .select_related("organisation", "task")
        .order_by("created_at", "pk")
    )
    if not updates:
        return []
    # What is in already, read once: (round, task, agency, kind, text); after one review, of
    # its report's round and task alone (every remark of the plan, read after each accepted
    # update, cost more than rebuilding its snapshot).
    known = Feedback.objects.filter(plan=plan, task_update__isnull=False)
    if update_id is not None:
        known = known.filter(
            task_update__round_id__in={u.round_id for u in updates},
            task_update__task_id__in={u.task_id for u in updates},
        )
    seen = set(
        known.values_list(
            "task_update__round_id",
            "task_update__task_id",
            "task_update__organisation_id",
            "kind",
            "message",
        )
    )
    taken: list[Feedback] = []
    for update in updates:
        for field, kind in REMARK_KINDS.items():
            text = getattr(update, field).strip()
            key = (update.round_id, update.task_id, update.organisation_id, kind.value, text)
            if not text or key in seen:
                continue
            seen.add(key)
            item = Feedback.objects.create(
                kind=kind,
                plan=plan,
                task_update=update,
                message=text,
                source=f"update:{update.pk}",
                received_at=update.created_at,
            )
            record(
                Action.FEEDBACK_TAKEN_IN,
                item,
                by=None,
                now=now,
                after={"kind": kind.value, "update": update.pk, "length": len(text)},
            )
            taken.append(item)
    return taken


def take_in_after_review(event: ReportAccepted) -> None:
    """An accepted task update: read its remarks into the inbox."""
    plan = Plan.objects.filter(pk=event.plan_id).first()
    if plan is not None and event.kind == "task_update":
        take_in_remarks(plan, now=event.now, update_id=event.report_id)


# --- the three steps -------------------------------------------------------------------------


def _locked(feedback: Feedback) -> Feedback:
    return (
        Feedback.objects.select_for_update(of=("self",)).select_related("plan").get(pk=feedback.pk)
    )


def _require_handler(by: User, feedback: Feedback) -> None:
    if not handles(by, feedback):
        raise FeedbackError(_("Only the coordinating agency of the plan's province can do this."))


def _state_label(feedback: Feedback) -> str:
    return str(FeedbackState(feedback.state).label)


@transaction.atomic
def route_feedback(
    feedback: Feedback,
    *,
    agency: Organisation,
    due: datetime.date,
    by: User,
    now: datetime.datetime,
) -> Feedback:
    """Send the item to an agency of its plan, to answer by ``due``; an item not yet answered
    may be sent again, to another agency or with another day."""
    item = _locked(feedback)
    _require_handler(by, item)
    if item.state not in (FeedbackState.NEW, FeedbackState.IN_PROGRESS):
        raise FeedbackError(
            _("This item is %(state)s; it can no longer be sent to an agency.")
            % {"state": _state_label(item)}
        )
    if item.plan is None:
        raise FeedbackError(
            _("Agency: this item is about no plan, so no agency of a plan can answer it.")
        )
    today = timezone.localdate(now)
    if due < today:
        raise FeedbackError(
            _("Answer due by: %(due)s is in the past; choose today or a later day.")
            % {"due": due.strftime("%d/%m/%Y")}
        )
    if not plan_agencies(item.plan, today=today).filter(pk=agency.pk).exists():
        raise FeedbackError(
            _("Agency: %(agency)s carries out no task or indicator of this plan.")
            % {"agency": agency.name}
        )
    before = {"state": item.state, "agency": item.agency_id, "due": _iso(item.answer_due)}
    item.state, item.agency, item.answer_due = FeedbackState.IN_PROGRESS, agency, due
    item.routed_at, item.routed_by = now, by
    item.save(update_fields=["state", "agency", "answer_due", "routed_at", "routed_by"])
    record(
        Action.FEEDBACK_ROUTED,
        item,
        by=by,
        now=now,
        before=before,
        after={"state": item.state, "agency": agency.pk, "due": due.isoformat()},
    )
    return item


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def answer_feedback(feedback: Feedback, *, text: str, by: User, now: datetime.datetime) -> Feedback:
    """The agency's answer, by one of its reporters; it may be rewritten until published."""
    item = _locked(feedback)
    if not answers_for(by, item):
        raise FeedbackError(_("Only a reporter of the agency this item was sent to can answer."))
    if item.state not in (FeedbackState.IN_PROGRESS, FeedbackState.ANSWERED):
        raise FeedbackError(
            _("This item is %(state)s; it can no longer be answered.")
            % {"state": _state_label(item)}
        )
    text = bounded_text(text, _("Answer"), limit=ANSWER_LENGTH, refuse=FeedbackError)
    before = {"state": item.state, "answer": item.answer}
    item.state, item.answer = FeedbackState.ANSWERED, text
    item.answered_at, item.answered_by = now, by
    item.save(update_fields=["state", "answer", "answered_at", "answered_by"])
    record(
        Action.FEEDBACK_ANSWERED,
        item,
        by=by,
        now=now,
        before=before,
        after={"state": item.state, "answer": text},
    )
    return item


def _personal_data(item: Feedback) -> list[str]:
    """The sender's name and contact as given, which the published question must not hold."""
    return [value for value in (item.name.strip(), item.contact.strip()) if len(value) >= 3]


@transaction.atomic
def publish_feedback(
    feedback: Feedback, *, question: str, by: User, now: datetime.datetime
) -> Feedback:
    """Approve the answer and show the question (as the coordinator words it) with it on the
    plan's portal page; an item not answered yet is refused, and so is a question that still
    holds the sender's name, e-mail or telephone."""
    item = _locked(feedback)
    _require_handler(by, item)
    if item.state != FeedbackState.ANSWERED:
        raise FeedbackError(
            _("This item is %(state)s: only an answered item can be published.")
            % {"state": _state_label(item)}
        )
    if item.plan is None:
        raise FeedbackError(_("This item is about no plan: there is no plan page to show it on."))
    question = bounded_text(
        question, _("Question as published"), limit=ANSWER_LENGTH, refuse=FeedbackError
    )
    lowered = question.casefold()
    if any(value.casefold() in lowered for value in _personal_data(item)):
        raise FeedbackError(
            _(
                "Question as published: it holds the sender's name, e-mail or telephone; "
                "remove them, they are never published."
            )
        )
    item.state, item.public_question = FeedbackState.PUBLISHED, question
    item.published_at, item.published_by = now, by
    item.save(update_fields=["state", "public_question", "published_at", "published_by"])
    record(
        Action.FEEDBACK_PUBLISHED,
        item,
        by=by,
        now=now,
        before={"state": FeedbackState.ANSWERED.value},
        after={"state": item.state, "question": question, "answer": item.answer},
    )
    return item

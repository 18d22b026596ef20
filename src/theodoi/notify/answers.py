"""Notices about answers agencies owe: a directive given to them (when it is given, and once
it is late) and a piece of feedback sent to them whose answer is late; and, once they answer,
to whoever waits for it. Planning only, like
``services``: these functions read the records for a day and write nothing; ``services.send``
stores each notice once under its event key and delivers it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from theodoi.directives.models import Directive, DirectiveState
from theodoi.notify.models import NoticeKind
from theodoi.notify.recipients import coordinators, plans_followed, reporters_by_organisation
from theodoi.notify.services import PlannedNotice
from theodoi.plans.models import PlanStatus
from theodoi.portal.models import Feedback, FeedbackState
from theodoi.users import User


def _people(reporters: dict[int, list[User]], agency_id: int) -> list[User]:
    """The reporters of the agency (directives and feedback go to bodies as they are today,
    ``theodoi.directives.agencies``)."""
    return reporters.get(agency_id, [])


def _directive_body(directive: Directive) -> str:
    where = (
        _("on task %(code)s. %(title)s")
        % {"code": directive.task.code, "title": directive.task.title[:160]}
        if directive.task
        else _("on your agency's work in the plan")
    )
    return _(
        "A directive of plan %(plan)s for %(agency)s, %(where)s:\n\n%(text)s\n\n"
        "Answer it by %(due)s."
    ) % {
        "plan": directive.plan,
        "agency": directive.agency.name,
        "where": where,
        "text": directive.text,
        "due": directive.due.strftime("%d/%m/%Y"),
    }


def directive_notices(today: datetime.date) -> list[PlannedNotice]:
    """Each open directive of a published plan: a notice to the agency's reporters when it is
    given (once), and another once its answer is late (once)."""
    planned: list[PlannedNotice] = []
    reporters = reporters_by_organisation()
    open_ = Directive.objects.filter(
        state=DirectiveState.OPEN, plan__status=PlanStatus.PUBLISHED
    ).select_related("plan", "task", "agency")
    with translation.override(settings.LANGUAGE_CODE):
        for directive in open_.order_by("due", "pk"):
            link = reverse("directives:detail", kwargs={"directive_id": directive.pk})
            body = _directive_body(directive)
            late = directive.due < today
            if late:
                subject = _("Directive to answer, late since %(due)s") % {
                    "due": directive.due.strftime("%d/%m/%Y")
                }
                event = f"directive:late:{directive.pk}"
            else:
                subject = _("Directive to answer by %(due)s") % {
                    "due": directive.due.strftime("%d/%m/%Y")
                }
                event = f"directive:given:{directive.pk}"
            planned.extend(
                PlannedNotice(
                    f"{event}:{person.pk}", person, NoticeKind.REMINDER, subject, body, link
                )
                for person in _people(reporters, directive.agency_id)
            )
    return planned


def feedback_notices(today: datetime.date) -> list[PlannedNotice]:
    """A reminder to the reporters of the agency a piece of feedback was sent to, once its
    answer is late: once per item and due day (sent again if the day is moved)."""
    planned: list[PlannedNotice] = []
    reporters = reporters_by_organisation()
    late = Feedback.objects.filter(
        state=FeedbackState.IN_PROGRESS, answer_due__lt=today, agency__isnull=False
    ).select_related("plan", "agency")
    with translation.override(settings.LANGUAGE_CODE):
        for item in late.order_by("answer_due", "pk"):
            assert item.answer_due is not None  # filtered on it
            subject = _("Feedback to answer, late since %(due)s") % {
                "due": item.answer_due.strftime("%d/%m/%Y")
            }
            body = _(
                "The coordinating agency sent %(agency)s a %(kind)s about plan %(plan)s to "
                "answer by %(due)s; no answer has come yet.\n\n%(message)s"
            ) % {
                "agency": item.agency.name if item.agency else "",
                "kind": item.get_kind_display(),
                "plan": item.plan or "—",
                "due": item.answer_due.strftime("%d/%m/%Y"),
                # The agency reads the question, never who sent it.
                "message": item.message[:1000],
            }
            link = reverse("feedback:detail", kwargs={"feedback_id": item.pk})
            planned.extend(
                PlannedNotice(
                    f"feedback:late:{item.pk}:{item.answer_due.isoformat()}:{person.pk}",
                    person,
                    NoticeKind.REMINDER,
                    subject,
                    body,
                    link,
                )
                for person in _people(reporters, item.agency_id or 0)
            )
    return planned


def answered_notices(now: datetime.datetime, *, within: datetime.timedelta) -> list[PlannedNotice]:
    """Who waits for an answer given in the last ``within``: the person who gave a directive,
    and the coordinators of the plan's scope for a piece of feedback to approve and publish."""
    planned: list[PlannedNotice] = []
    since = now - within
    with translation.override(settings.LANGUAGE_CODE):
        for directive in Directive.objects.filter(
            state=DirectiveState.ANSWERED,
            answered_at__gte=since,
            answered_at__lte=now,
            issued_by__isnull=False,
        ).select_related("agency", "issued_by", "task"):
            assert directive.issued_by is not None  # filtered on it
            planned.append(
                PlannedNotice(
                    f"directive:answered:{directive.pk}:{directive.issued_by.pk}",
                    directive.issued_by,
                    NoticeKind.REMINDER,
                    _("%(agency)s answered your directive") % {"agency": directive.agency.name},
                    f"{directive.text[:300]}\n\n{directive.answer}",
                    reverse("directives:detail", kwargs={"directive_id": directive.pk}),
                )
            )
        answered = Feedback.objects.filter(
            state=FeedbackState.ANSWERED, answered_at__gte=since, answered_at__lte=now
        ).select_related("plan", "agency")
        followed = [(m, {plan.pk for plan in plans_followed(m)}) for m in coordinators()]
        for item in answered:
            assert item.answered_at is not None  # filtered on it
            followers = [m for m, plans in followed if item.plan_id in plans]
            subject = _("%(agency)s answered a %(kind)s: approve and publish it") % {
                "agency": item.agency.name if item.agency else "",
                "kind": item.get_kind_display(),
            }
            planned.extend(
                PlannedNotice(
                    f"feedback:answered:{item.pk}:{item.answered_at.isoformat()}:{m.user_id}",
                    m.user,
                    NoticeKind.REMINDER,
                    subject,
                    f"{item.message[:300]}\n\n{item.answer}",
                    reverse("feedback:detail", kwargs={"feedback_id": item.pk}),
                )
                for m in followers
            )
    return planned

"""Receiving feedback from the public: checked, limited per sender, stored, audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.limits.counters import take
from theodoi.plans.models import Plan
from theodoi.portal.errors import FeedbackError
from theodoi.portal.models import PUBLIC_KINDS, Feedback

PER_HOUR = 5
MAX_LENGTH = 5000


@transaction.atomic
def submit_feedback(
    *,
    kind: str,
    message: str,
    plan: Plan | None,
    name: str,
    contact: str,
    source: str,
    now: datetime.datetime,
) -> Feedback:
    """Store one piece of feedback for the coordinating agency; at most ``PER_HOUR`` from one
    sender in an hour."""
    message = message.strip()
    if kind not in PUBLIC_KINDS:
        raise FeedbackError(_("Kind: choose a recommendation, a report or an initiative."))
    if not message:
        raise FeedbackError(_("Message: write what you want to say."))
    if len(message) > MAX_LENGTH:
        raise FeedbackError(
            _("Message: at most %(max)s characters (yours has %(n)s).")
            % {"max": MAX_LENGTH, "n": len(message)}
        )
    if not take(
        f"portal.feedback:{source}", limit=PER_HOUR, within=datetime.timedelta(hours=1), now=now
    ):
        raise FeedbackError(
            _("You have sent %(n)s messages in the last hour; please try again later.")
            % {"n": PER_HOUR}
        )
    feedback = Feedback.objects.create(
        kind=kind,
        plan=plan,
        name=name.strip()[:200],
        contact=contact.strip()[:200],
        message=message,
        source=source,
        received_at=now,
    )
    record(
        Action.FEEDBACK_RECEIVED,
        feedback,
        by=None,
        now=now,
        after={"kind": kind, "plan": plan.pk if plan else None, "length": len(message)},
    )
    return feedback

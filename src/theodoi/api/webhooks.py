"""Signed POSTs to the systems that subscribed to a plan's events.

Each event becomes one delivery per subscriber (made once: its key is the event's identity);
the job queue sends it (theodoi.api.sending) and retries.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from theodoi.api.jobs import deliver_webhook
from theodoi.api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from theodoi.api.serializers import (
    IndicatorValueSerializer,
    RoundSerializer,
    TaskUpdateSerializer,
)
from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.plans.models import Plan
from theodoi.reporting.access import Who, coordinates
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.events import ReportAccepted, RoundClosed
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.snapshots.events import RankingPublished
from theodoi.snapshots.models import RankingPublication
from theodoi.users import User

SUBSCRIPTIONS_PER_PLAN = 20


class WebhookError(ReportingError):
    """A subscription that cannot be made; the message says why."""


def _checked_url(url: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise WebhookError(
            _("“%(url)s” is not an http or https address.") % {"url": url[:100]}
        ) from None
    if urlsplit(url).username is not None:
        raise WebhookError(_("Put no user name or password in the address."))
    return url


@transaction.atomic
def subscribe(
    plan: Plan, url: str, events: list[str], *, by: User, now: datetime.datetime
) -> WebhookSubscription:
    if not coordinates(by, plan):
        raise WebhookError(_("Only the plan's coordinating agency can add a subscriber."))
    chosen = [event for event in WebhookEvent.values if event in events]
    if not chosen or len(chosen) != len(set(events)):
        raise WebhookError(_("Choose at least one of the listed events."))
    if plan.webhook_subscriptions.filter(active=True).count() >= SUBSCRIPTIONS_PER_PLAN:
        raise WebhookError(
            _("A plan has at most %(limit)s subscribers.") % {"limit": SUBSCRIPTIONS_PER_PLAN}
        )
    subscription = WebhookSubscription.objects.create(
        plan=plan,
        url=_checked_url(url),
        secret=secrets.token_urlsafe(32),
        events=chosen,
        created_at=now,
        created_by=by,
    )
    record(Action.WEBHOOK_SUBSCRIBED, subscription, by=by, now=now, after={"events": chosen})
    return subscription


@transaction.atomic
def unsubscribe(subscription: WebhookSubscription, *, by: User, now: datetime.datetime) -> None:
    if not coordinates(by, subscription.plan):
        raise WebhookError(_("Only the plan's coordinating agency can remove a subscriber."))
    subscription.active = False
    subscription.save(update_fields=["active"])
    record(Action.WEBHOOK_UNSUBSCRIBED, subscription, by=by, now=now)


def subscriptions_of(who: Who) -> list[WebhookSubscription]:
    rows = WebhookSubscription.objects.filter(active=True).select_related("plan")
    return [row for row in rows if coordinates(who, row.plan)]


# --- events into deliveries ------------------------------------------------------------


def _accepted_payload(event: ReportAccepted) -> dict[str, Any] | None:
    if event.kind == "task_update":
        update = TaskUpdate.objects.select_related("task").get(pk=event.report_id)
        # A confidential task's reports stay within theodoi.
        return None if update.task.confidential else dict(TaskUpdateSerializer(update).data)
    return dict(IndicatorValueSerializer(IndicatorValue.objects.get(pk=event.report_id)).data)


def _queue(
    plan_id: int,
    event: WebhookEvent,
    occurrence: str,
    now: datetime.datetime,
    data: Callable[[], dict[str, Any] | None],
) -> list[WebhookDelivery]:
    """A delivery of ``event`` to each subscriber of the plan that asked for it, once per
    ``occurrence`` (what the event is about): its key, ``event:occurrence``, is unique."""
    key = f"{event}:{occurrence}"
    subscribers = [
        row
        for row in WebhookSubscription.objects.filter(plan_id=plan_id, active=True)
        if event.value in row.events
    ]
    if not subscribers:
        return []
    body = data()
    if body is None:
        return []
    payload = {
        "id": key,
        "event": event.value,
        "occurred_at": now.isoformat(),
        "plan": plan_id,
        "data": body,
    }
    made = []
    for subscription in subscribers:
        try:
            with transaction.atomic():
                made.append(
                    WebhookDelivery.objects.create(
                        subscription=subscription,
                        event=event,
                        key=key,
                        payload=payload,
                        created_at=now,
                    )
                )
        except IntegrityError:
            continue  # this event was queued for this subscriber already
    for delivery in made:
        transaction.on_commit(partial(deliver_webhook, delivery.pk))
    return made


def on_report_accepted(event: ReportAccepted) -> None:
    occurrence = f"{event.kind}:{event.report_id}"
    payload = partial(_accepted_payload, event)
    _queue(event.plan_id, WebhookEvent.UPDATE_ACCEPTED, occurrence, event.now, payload)


def on_round_closed(event: RoundClosed) -> None:
    def data() -> dict[str, Any]:
        return dict(RoundSerializer(ReportingRound.objects.get(pk=event.round_id)).data)

    _queue(event.plan_id, WebhookEvent.ROUND_CLOSED, str(event.round_id), event.now, data)


def on_ranking_published(event: RankingPublished) -> None:
    def data() -> dict[str, Any]:
        publication = RankingPublication.objects.get(pk=event.publication_id)
        return {
            "as_of": publication.as_of.isoformat(),
            "period": publication.period,
            "ranking": publication.ranking,
        }

    occurrence = str(event.publication_id)
    _queue(event.plan_id, WebhookEvent.RANKING_PUBLISHED, occurrence, event.now, data)

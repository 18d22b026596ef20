"""The jobs of the queue (huey, through ``huey.contrib.djhuey``; ``theodoi run_huey`` runs a
worker). Each job is thin: it calls a service and holds no rule. A job that fails is retried
``RETRIES`` times ``RETRY_DELAY`` seconds apart, and every failure is logged.

Each job takes ``now`` (ISO 8601) so a test or an operator can run it for a given moment; the
periodic runs leave it out and mean the present. The schedules are in UTC, the queue's clock:
00:00 UTC is 07:00 in Việt Nam.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import db_periodic_task, db_task, signal
from huey.signals import SIGNAL_ERROR

from theodoi.notify import answers, changes, services
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.rounds import lock_due_rounds
from theodoi.snapshots.services import rebuild_snapshot

log = logging.getLogger(__name__)

RETRIES = 3
RETRY_DELAY = 60
# Returns and opened rounds are looked for this far back, so a worker stopped for a while
# still sends them.
RETURNED_WITHIN = datetime.timedelta(days=2)


def _moment(now: str | None) -> datetime.datetime:
    return datetime.datetime.fromisoformat(now) if now else timezone.now()


@signal(SIGNAL_ERROR)
def log_failure(signal_name: str, task: Task, exc: BaseException | None = None) -> None:
    log.error("Job %s (%s) failed, %s retries left: %r", task.name, task.id, task.retries, exc)


@db_periodic_task(crontab(minute="*/5"), retries=RETRIES, retry_delay=RETRY_DELAY)
def lock_rounds(now: str | None = None) -> int:
    """Lock the rounds whose deadline has come (DESIGN.md: a round locks at its deadline)."""
    return len(lock_due_rounds(_moment(now)))


@db_task(retries=RETRIES, retry_delay=RETRY_DELAY)
def rebuild_plan_snapshot(plan_id: int, now: str | None = None) -> None:
    moment = _moment(now)
    plan = Plan.objects.get(pk=plan_id)
    rebuild_snapshot(plan, as_of=timezone.localdate(moment), now=moment)


@db_periodic_task(crontab(hour="23", minute="30"), retries=RETRIES, retry_delay=RETRY_DELAY)
def rebuild_snapshots(now: str | None = None) -> int:
    """Each published plan's results for the new day, before the morning's notices."""
    moment = _moment(now)
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED)
    for plan in plans:
        rebuild_snapshot(plan, as_of=timezone.localdate(moment), now=moment)
    return len(plans)


@db_periodic_task(crontab(hour="0", minute="0"), retries=RETRIES, retry_delay=RETRY_DELAY)
def remind_deadlines(now: str | None = None) -> int:
    moment = _moment(now)
    return services.send(services.due_reminders(timezone.localdate(moment)), now=moment)


@db_periodic_task(crontab(hour="0", minute="10"), retries=RETRIES, retry_delay=RETRY_DELAY)
def warn_overdue(now: str | None = None) -> int:
    moment = _moment(now)
    return services.send(services.overdue_notices(timezone.localdate(moment)), now=moment)


@db_periodic_task(crontab(hour="0", minute="20"), retries=RETRIES, retry_delay=RETRY_DELAY)
def send_digest(now: str | None = None) -> int:
    moment = _moment(now)
    return services.send(services.digest(timezone.localdate(moment)), now=moment)


@db_periodic_task(crontab(minute="*/10"), retries=RETRIES, retry_delay=RETRY_DELAY)
def notify_returned(now: str | None = None) -> int:
    moment = _moment(now)
    return services.send(services.returned_notices(moment, within=RETURNED_WITHIN), now=moment)


@db_periodic_task(crontab(minute="*/10"), retries=RETRIES, retry_delay=RETRY_DELAY)
def notify_rounds(now: str | None = None) -> int:
    """Tell the agencies of a round just opened, or reopened for them."""
    moment = _moment(now)
    return services.send(services.round_notices(moment, within=RETURNED_WITHIN), now=moment)


@db_periodic_task(crontab(minute="*/5"), retries=RETRIES, retry_delay=RETRY_DELAY)
def deliver_notices(now: str | None = None) -> int:
    """Send what an earlier run left: a failed e-mail, a worker that died holding a notice."""
    return services.deliver_pending(now=_moment(now))


@db_periodic_task(crontab(minute="*/10"), retries=RETRIES, retry_delay=RETRY_DELAY)
def notify_changes(now: str | None = None) -> int:
    """Tell what changed since: rounds extended, extensions asked for and decided (each
    notice is stored at once when the change is made; this catches one that was not)."""
    moment = _moment(now)
    return services.send(changes.change_notices(moment, within=RETURNED_WITHIN), now=moment)


@db_periodic_task(crontab(minute="*/10"), retries=RETRIES, retry_delay=RETRY_DELAY)
def remind_answers(now: str | None = None) -> int:
    """Directives just given to an agency, the answers it owes that are late, and the answers
    just given; each notice is stored once under its event, however often this runs."""
    moment = _moment(now)
    today = timezone.localdate(moment)
    planned = (
        answers.directive_notices(today)
        + answers.feedback_notices(today)
        + answers.answered_notices(moment, within=RETURNED_WITHIN)
    )
    return services.send(planned, now=moment)

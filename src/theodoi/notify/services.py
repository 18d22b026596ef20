"""Deciding who gets which notice on a day, and delivering each notice once.

The planning functions (``due_reminders``, ``overdue_notices``, ``returned_notices``,
``round_notices``, ``digest``) read the records and return :class:`PlannedNotice` values; they
write nothing and take the day as a parameter, so a test of a reminder is a call with a date.
What is overdue is ``theodoi.evaluation``'s judgement (through ``theodoi.snapshots``), never
decided here.

``record_notices`` stores planned notices: the event key is unique, so planning the same day
twice, or in two workers, stores each notice once. ``deliver`` claims a stored notice before
it sends anything (a conditional update of a notice not yet sent and not held by a living
worker), so two workers never both send it; a worker that dies while holding it lets another
send it once its claim has run out (``NOTICE_CLAIM_SECONDS``).

Delivery by e-mail is at least once, not exactly once: a worker killed after the mail server
accepted a message and before it marked the notice sent cannot know the server has it, and
SMTP has no way to ask. Losing a deadline reminder is worse than repeating it, so the next
worker sends it again, with the same ``Message-ID`` (:func:`message_id`, one per event), by
which mail servers and readers drop the copy; the notice's ``attempts`` shows it happened.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from theodoi.notify.models import Notice, NoticeKind, NoticePreference
from theodoi.notify.recipients import (
    IN_STATES,
    coordinators,
    latest_states,
    missing_tasks,
    people_in_charge,
    plans_followed,
    reporters_and_agencies,
    reporters_by_organisation,
)
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.reporting.access import round_indicators_of
from theodoi.reporting.models import (
    IndicatorValue,
    ReportingRound,
    ReviewState,
    RoundReopening,
    RoundState,
    TaskUpdate,
)
from theodoi.reporting.versions import Versioned, latest_only
from theodoi.snapshots.records import current_round, end_of, evaluate_plan_at
from theodoi.snapshots.results import TaskResult
from theodoi.users import User

log = logging.getLogger(__name__)

# A notice lists at most this many tasks by name; the rest are counted.
LISTED = 10


@dataclass(frozen=True)
class PlannedNotice:
    key: str
    recipient: User
    kind: NoticeKind
    subject: str
    body: str
    link: str = ""


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _task_lines(tasks: list[Task]) -> str:
    lines = [f"- {task.code}. {task.title[:160]}" for task in tasks[:LISTED]]
    if len(tasks) > LISTED:
        lines.append(_("- and %(count)s more tasks.") % {"count": len(tasks) - LISTED})
    return "\n".join(lines)


def _plan_link(plan_id: int) -> str:
    return reverse("workspace:plan_detail", kwargs={"plan_id": plan_id})


def _agency_link(round_id: int, anchor: str = "") -> str:
    """The agency's page of the round: its tasks and the figures it reports."""
    return reverse("reporting:agency", kwargs={"round_id": round_id}) + anchor


# --- planning --------------------------------------------------------------------------------


def _reminder(
    body: str, round_: ReportingRound, agency: Organisation, tasks: list[Task], days: int
) -> tuple[str, str]:
    """The subject and ``body`` of a reminder that ``agency`` still owes ``tasks`` in
    ``round_``, due in ``days`` days."""
    subject = _("Reminder: %(count)s tasks to report by %(deadline)s") % {
        "count": len(tasks),
        "deadline": _when(round_.deadline),
    }
    return subject, body % {
        "organisation": agency.name,
        "count": len(tasks),
        "round": round_.title,
        "plan": round_.plan,
        "deadline": _when(round_.deadline),
        "days": days,
        "tasks": _task_lines(tasks),
    }


def due_reminders(today: datetime.date) -> list[PlannedNotice]:
    """Reporters whose agency has tasks without a submitted update, on each of the round's
    reminder days (DESIGN.md: by default 7, 3 and 1 days before the deadline)."""
    planned: list[PlannedNotice] = []
    reporters, organisations = reporters_and_agencies()
    with translation.override(settings.LANGUAGE_CODE):
        for round_ in ReportingRound.objects.filter(
            state=RoundState.OPEN, plan__status=PlanStatus.PUBLISHED
        ).select_related("plan"):
            days = (timezone.localdate(round_.deadline) - today).days
            if days not in round_.reminder_days:
                continue
            states = latest_states(round_)
            for organisation_id, people in reporters.items():
                organisation = organisations[organisation_id]
                missing = missing_tasks(round_, organisation, states)
                if not missing:
                    continue
                subject, body = _reminder(
                    _(
                        "%(organisation)s has not yet submitted its update on %(count)s tasks "
                        "in the round “%(round)s” of plan %(plan)s. The deadline is "
                        "%(deadline)s, in %(days)s days.\n\n%(tasks)s"
                    ),
                    round_,
                    organisation,
                    missing,
                    days,
                )
                planned.extend(
                    PlannedNotice(
                        f"reminder:{round_.pk}:{organisation_id}:{days}:{person.pk}",
                        person,
                        NoticeKind.REMINDER,
                        subject,
                        body,
                        _plan_link(round_.plan_id),
                    )
                    for person in people
                )
            planned.extend(_in_charge_reminders(round_, days, today, states, reporters))
    return planned


def _in_charge_reminders(
    round_: ReportingRound,
    days: int,
    today: datetime.date,
    states: dict[tuple[int, int], str],
    reporters: dict[int, list[User]],
) -> list[PlannedNotice]:
    """The officers and leaders in charge of tasks still owed in ``round_``, each told of the
    tasks they are in charge of; none to a reporter of the agency, who has its reminder."""
    owed: dict[tuple[int, int], tuple[User, Organisation, list[Task]]] = {}
    for person, agency, task in people_in_charge(round_.plan_id, today):
        if states.get((task.pk, agency.pk)) in IN_STATES:
            continue
        if any(p.pk == person.pk for p in reporters.get(agency.pk, [])):
            continue
        tasks = owed.setdefault((person.pk, agency.pk), (person, agency, []))[2]
        if task not in tasks:
            tasks.append(task)
    planned = []
    for person, agency, tasks in owed.values():
        subject, body = _reminder(
            _(
                "%(organisation)s has not yet submitted its update on %(count)s tasks you are "
                "in charge of in the round “%(round)s” of plan %(plan)s. The deadline is "
                "%(deadline)s, in %(days)s days.\n\n%(tasks)s"
            ),
            round_,
            agency,
            tasks,
            days,
        )
        planned.append(
            PlannedNotice(
                f"reminder:{round_.pk}:{agency.pk}:{days}:{person.pk}",
                person,
                NoticeKind.REMINDER,
                subject,
                body,
                _plan_link(round_.plan_id),
            )
        )
    return planned


def judged_tasks(plan: Plan, today: datetime.date) -> list[TaskResult]:
    """The rules' judgement of every live task of ``plan`` on ``today``."""
    return evaluate_plan_at(plan, today)["tasks"]


def overdue_notices(today: datetime.date) -> list[PlannedNotice]:
    """A warning to the reporters of a task's lead agency once the rules judge it overdue;
    one per task and due day, however many days it stays overdue."""
    planned: list[PlannedNotice] = []
    reporters = reporters_by_organisation()
    with translation.override(settings.LANGUAGE_CODE):
        for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED):
            overdue = [t for t in judged_tasks(plan, today) if t["overdue"]]
            tasks = Task.objects.in_bulk([t["id"] for t in overdue])
            # The officers and leaders in charge of the lead agencies' assignments too.
            in_charge: dict[int, list[User]] = {}
            if overdue:
                for person, _agency, named in people_in_charge(plan.pk, today, lead_only=True):
                    in_charge.setdefault(named.pk, []).append(person)
            for judged in overdue:
                task = tasks[judged["id"]]
                assert judged["due_on"] is not None  # overdue is past a due day
                due_on = datetime.date.fromisoformat(judged["due_on"])
                subject = _("Task %(code)s is overdue") % {"code": task.code}
                body = _(
                    "Task %(code)s of plan %(plan)s was due on %(due)s and is not completed "
                    "(%(status)s, %(days)s days late).\n\n%(title)s"
                ) % {
                    "code": task.code,
                    "plan": plan,
                    "due": due_on.strftime("%d/%m/%Y"),
                    "status": judged["status_label"],
                    "days": judged["days_late"],
                    "title": task.title,
                }
                told: set[int] = set()
                people = [
                    person
                    for organisation_id in judged["lead"]
                    for person in reporters.get(organisation_id, [])
                ] + in_charge.get(task.pk, [])
                for person in people:
                    if person.pk in told:
                        continue
                    told.add(person.pk)
                    planned.append(
                        PlannedNotice(
                            f"overdue:{task.pk}:{due_on.isoformat()}:{person.pk}",
                            person,
                            NoticeKind.OVERDUE,
                            subject,
                            body,
                            _plan_link(plan.pk),
                        )
                    )
    return planned


def _returned(
    model: type[Versioned], since: datetime.datetime, now: datetime.datetime
) -> QuerySet[Versioned]:
    """The reports returned between ``since`` and ``now`` that were not saved again since."""
    return latest_only(
        model._default_manager.filter(
            state=ReviewState.RETURNED, created_at__gte=since, created_at__lte=now
        )
    )


def _returned_notice(
    report: str, person: User, subject: str, body: str, link: str
) -> PlannedNotice:
    return PlannedNotice(
        f"returned:{report}:{person.pk}", person, NoticeKind.RETURNED, subject, body, link
    )


def returned_notices(now: datetime.datetime, *, within: datetime.timedelta) -> list[PlannedNotice]:
    """The reporters of an agency whose update or figure the coordinator returned in the last
    ``within``, with the reason; none once the agency has saved it again."""
    planned: list[PlannedNotice] = []
    reporters = reporters_by_organisation()
    since = now - within
    with translation.override(settings.LANGUAGE_CODE):
        for update in _returned(TaskUpdate, since, now).select_related("task", "round"):
            subject = _("Update on task %(code)s returned") % {"code": update.task.code}
            body = _(
                "The coordinating agency returned your update on task %(code)s in the round "
                "“%(round)s” on %(when)s. Reason: %(reason)s\n\nCorrect it and submit it again "
                "before %(deadline)s."
            ) % {
                "code": update.task.code,
                "round": update.round.title,
                "when": _when(update.created_at),
                "reason": update.return_reason,
                "deadline": _when(update.round.deadline),
            }
            # Straight to the form where the reason is shown and the report corrected.
            link = reverse(
                "reporting:task_update",
                kwargs={"round_id": update.round_id, "task_id": update.task_id},
            )
            planned.extend(
                _returned_notice(f"update:{update.pk}", person, subject, body, link)
                for person in reporters.get(update.organisation_id, [])
            )
        for value in _returned(IndicatorValue, since, now).select_related("indicator", "round"):
            subject = _("Figure of indicator %(code)s returned") % {"code": value.indicator.code}
            body = _(
                "The coordinating agency returned your figure for indicator %(code)s in the "
                "round “%(round)s” on %(when)s. Reason: %(reason)s"
            ) % {
                "code": value.indicator.code,
                "round": value.round.title,
                "when": _when(value.created_at),
                "reason": value.return_reason,
            }
            link = _agency_link(value.round_id, f"#indicator-{value.indicator_id}")
            planned.extend(
                _returned_notice(f"value:{value.pk}", person, subject, body, link)
                for person in reporters.get(value.organisation_id, [])
            )
    return planned


def _owed(round_: ReportingRound, organisation: Organisation) -> tuple[int, int]:
    """How many live tasks and indicators of the round's plan ``organisation`` (or a body it
    succeeded) reports on."""
    tasks = missing_tasks(round_, organisation, {})
    return len(tasks), round_indicators_of(round_, organisation).count()


def opened_notices(
    round_: ReportingRound,
    reporters: dict[int, list[User]],
    organisations: dict[int, Organisation],
) -> list[PlannedNotice]:
    """The reporters of each agency that reports in ``round_`` (in an ad-hoc round, those it
    was opened for): what it has to report, by when. Call within the site's language."""
    planned: list[PlannedNotice] = []
    for organisation_id, people in reporters.items():
        tasks, indicators = _owed(round_, organisations[organisation_id])
        if not tasks and not indicators:
            continue
        subject = _("Reporting round “%(round)s” is open until %(deadline)s") % {
            "round": round_.title,
            "deadline": _when(round_.deadline),
        }
        body = _(
            "The coordinating agency opened the round “%(round)s” of plan %(plan)s "
            "(period %(start)s – %(end)s, figures as of %(cut_off)s). "
            "%(organisation)s reports on %(tasks)s tasks and %(indicators)s indicators "
            "before %(deadline)s."
        ) % {
            "round": round_.title,
            "plan": round_.plan,
            "start": round_.period_start.strftime("%d/%m/%Y"),
            "end": round_.period_end.strftime("%d/%m/%Y"),
            "cut_off": round_.cut_off.strftime("%d/%m/%Y"),
            "organisation": organisations[organisation_id].name,
            "tasks": tasks,
            "indicators": indicators,
            "deadline": _when(round_.deadline),
        }
        planned.extend(
            PlannedNotice(
                f"round:opened:{round_.pk}:{person.pk}",
                person,
                NoticeKind.ROUND,
                subject,
                body,
                _agency_link(round_.pk),
            )
            for person in people
        )
    return planned


def reopened_notices(
    reopening: RoundReopening, reporters: dict[int, list[User]]
) -> list[PlannedNotice]:
    """The reporters of the agency a round was reopened for. Call within the site's
    language."""
    round_ = reopening.round
    subject = _("Round “%(round)s” reopened for %(organisation)s until %(until)s") % {
        "round": round_.title,
        "organisation": reopening.organisation.name,
        "until": _when(reopening.until),
    }
    body = _(
        "The coordinating agency reopened the round “%(round)s” of plan %(plan)s for "
        "%(organisation)s: its reports can be entered, corrected and submitted until "
        "%(until)s."
    ) % {
        "round": round_.title,
        "plan": round_.plan,
        "organisation": reopening.organisation.name,
        "until": _when(reopening.until),
    }
    return [
        PlannedNotice(
            f"round:reopened:{reopening.pk}:{person.pk}",
            person,
            NoticeKind.ROUND,
            subject,
            body,
            _agency_link(round_.pk),
        )
        for person in reporters.get(reopening.organisation_id, [])
    ]


def round_notices(now: datetime.datetime, *, within: datetime.timedelta) -> list[PlannedNotice]:
    """The reporters of each agency that reports in a round opened in the last ``within``,
    and those of an agency the round was reopened for: what it has to report, by when."""
    planned: list[PlannedNotice] = []
    reporters, organisations = reporters_and_agencies()
    since = now - within
    with translation.override(settings.LANGUAGE_CODE):
        for round_ in ReportingRound.objects.filter(
            state=RoundState.OPEN,
            plan__status=PlanStatus.PUBLISHED,
            opened_at__gte=since,
            opened_at__lte=now,
            deadline__gt=now,
        ).select_related("plan"):
            planned += opened_notices(round_, reporters, organisations)
        for reopening in RoundReopening.objects.filter(
            at__gte=since, at__lte=now, until__gt=now
        ).select_related("round__plan", "organisation"):
            planned += reopened_notices(reopening, reporters)
    return planned


def _plan_digest(plan: Plan, today: datetime.date) -> str | None:
    """What came in the day before and what is late in ``plan``'s current round; None when
    the plan has no round."""
    round_ = current_round(plan, today)
    if round_ is None:
        return None
    yesterday = today - datetime.timedelta(days=1)
    start, end = end_of(yesterday - datetime.timedelta(days=1)), end_of(yesterday)
    submitted = TaskUpdate.objects.filter(
        round=round_, state=ReviewState.SUBMITTED, created_at__gte=start, created_at__lt=end
    )
    senders = sorted(set(submitted.values_list("organisation__name", flat=True)))
    states = latest_states(round_)
    waiting = sum(1 for state in states.values() if state == ReviewState.SUBMITTED)
    judged = judged_tasks(plan, today)
    lines = [
        _("%(plan)s, round “%(round)s” (deadline %(deadline)s):")
        % {"plan": plan, "round": round_.title, "deadline": _when(round_.deadline)},
        _("- updates submitted yesterday: %(count)s%(from)s")
        % {"count": submitted.count(), "from": f" ({', '.join(senders)})" if senders else ""},
        _("- updates waiting for your review: %(count)s") % {"count": waiting},
        _("- overdue tasks: %(count)s") % {"count": sum(1 for t in judged if t["overdue"])},
    ]
    if round_.deadline < end:
        late = {
            organisation
            for task in judged
            for organisation in task["lead"]
            if states.get((task["id"], organisation)) not in IN_STATES
        }
        names = Organisation.objects.filter(pk__in=late).values_list("name", flat=True)
        lines.append(
            _("- agencies that missed the deadline: %(names)s")
            % {"names": ", ".join(sorted(names)) or "0"}
        )
    return "\n".join(lines)


def digest(today: datetime.date) -> list[PlannedNotice]:
    """Each coordinator's morning digest: per plan they follow, the updates submitted the day
    before, those waiting for review, the overdue tasks and, once the deadline has passed,
    the agencies that missed it. No digest for a coordinator with no plan in a round."""
    planned = []
    summaries: dict[int, str | None] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for membership in coordinators():
            parts = []
            for plan in plans_followed(membership):
                if plan.pk not in summaries:
                    summaries[plan.pk] = _plan_digest(plan, today)
                summary = summaries[plan.pk]
                if summary:
                    parts.append(summary)
            if not parts:
                continue
            planned.append(
                PlannedNotice(
                    f"digest:{today.isoformat()}:{membership.user_id}",
                    membership.user,
                    NoticeKind.DIGEST,
                    _("Reporting digest of %(day)s") % {"day": today.strftime("%d/%m/%Y")},
                    "\n\n".join(parts),
                    reverse("workspace:home"),
                )
            )
    return planned


# --- storing and delivering ------------------------------------------------------------------


def record_notices(planned: Iterable[PlannedNotice], *, now: datetime.datetime) -> int:
    """Store the planned notices whose event has none yet; the number stored."""
    rows = [
        Notice(
            recipient=p.recipient,
            kind=p.kind,
            key=p.key,
            subject=p.subject[:300],
            body=p.body,
            link=p.link,
            created=now,
        )
        for p in planned
    ]
    keys = [row.key for row in rows]
    before = Notice.objects.filter(key__in=keys).count()
    # The unique key turns a notice already stored, by an earlier run or another worker, into
    # nothing rather than an error.
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Notice.objects.filter(key__in=keys).count() - before


def wants_email(user: User, kind: str) -> bool:
    if not getattr(user, "email", ""):
        return False
    choice = NoticePreference.objects.filter(user=user, kind=kind).first()
    return choice is None or choice.email


def message_id(notice: Notice) -> str:
    """The e-mail's ``Message-ID``, the same every time the notice's event is sent."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "theodoi.invalid"
    return f"<notice.{hashlib.sha256(notice.key.encode()).hexdigest()[:32]}@{domain}>"


def deliver(notice: Notice, *, now: datetime.datetime) -> bool:
    """Send ``notice`` by e-mail (when its recipient wants it) unless it was sent or another
    worker holds it; True when this call delivered it."""
    lease = now + datetime.timedelta(seconds=settings.NOTICE_CLAIM_SECONDS)
    claimed = (
        Notice.objects.filter(pk=notice.pk, sent_at=None)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .update(claimed_until=lease, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    notice.refresh_from_db()
    emailed = wants_email(notice.recipient, notice.kind)
    if emailed:
        if notice.attempts > 1:
            log.warning(
                "Notice %s, attempt %s: the mail server may have it already; resent with "
                "the same Message-ID",
                notice.key,
                notice.attempts,
            )
        message = EmailMessage(
            notice.subject,
            notice.body,
            to=[notice.recipient.email],
            # One Message-ID per event lets a mail server or a reader drop a resend.
            headers={"Message-ID": message_id(notice), "X-Theodoi-Event": notice.key},
        )
        try:
            message.send()
        except Exception:
            # Free the notice so the job's retry can take it at once, not after the claim.
            Notice.objects.filter(pk=notice.pk, claimed_until=lease).update(claimed_until=None)
            raise
    Notice.objects.filter(pk=notice.pk, claimed_until=lease).update(sent_at=now, emailed=emailed)
    return True


def deliver_pending(*, now: datetime.datetime) -> int:
    """Deliver every notice not yet sent and not held by a living worker; the number sent."""
    pending = Notice.objects.filter(sent_at=None).filter(
        Q(claimed_until=None) | Q(claimed_until__lt=now)
    )
    sent = 0
    for notice in pending.order_by("created", "pk"):
        if deliver(notice, now=now):
            sent += 1
    if sent:
        log.info("%s notices delivered", sent)
    return sent


def send(planned: Iterable[PlannedNotice], *, now: datetime.datetime) -> int:
    """Store ``planned`` and deliver every notice pending; the number delivered."""
    record_notices(planned, now=now)
    return deliver_pending(now=now)

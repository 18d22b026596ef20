"""Notices of what the coordinator and the agencies change between the scheduled jobs: a round
opened, extended or reopened for agencies, a deadline extension asked for or decided.

Each change is announced once committed (``reporting.announcements``); the handlers here plan
its notices and store them at once (``record_notices``: one per event key, however often
planned), for the delivery job to send. ``change_notices`` plans the same notices from the
records of a recent window, so a change whose handler failed is still told by the next run.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from theodoi.evaluation.wording import vn_date
from theodoi.events import subscribe
from theodoi.notify.models import NoticeKind
from theodoi.notify.recipients import (
    coordinators,
    reporters_and_agencies,
    reporters_by_organisation,
)
from theodoi.notify.services import (
    PlannedNotice,
    opened_notices,
    record_notices,
    reopened_notices,
)
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan
from theodoi.reporting.access import round_tasks_of, takes_part_in
from theodoi.reporting.announcements import (
    ExtensionDecided,
    ExtensionRequested,
    RoundExtended,
    RoundOpened,
    RoundReopened,
)
from theodoi.reporting.models import (
    DeadlineExtension,
    ExtensionState,
    ReportingRound,
    RoundChange,
    RoundChangeKind,
    RoundReopening,
)
from theodoi.users import User

# Extension notices are about a deadline: they come with the deadline reminders and follow
# the person's e-mail choice for those (a kind of their own needs notify's own migration).
EXTENSION_KIND = NoticeKind.REMINDER


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _task_link(task_id: int) -> str:
    return reverse("reporting:task_deadline", kwargs={"task_id": task_id})


def coordinators_of(plan: Plan) -> list[User]:
    """The active coordinators whose scope holds ``plan`` (the nation's hold every plan)."""
    return [
        membership.user
        for membership in coordinators()
        if membership.scope is None or plan.province_id in membership.scope.lineage_ids()
    ]


def extended_notices(
    change: RoundChange,
    reporters: dict[int, list[User]],
    organisations: dict[int, Organisation],
) -> list[PlannedNotice]:
    """The reporters of each agency with something to report in the round: its deadline moved
    from the old day to the new one."""
    round_ = change.round
    planned: list[PlannedNotice] = []
    subject = _("Round “%(round)s” extended until %(deadline)s") % {
        "round": round_.title,
        "deadline": _when(change.new_deadline),
    }
    for organisation_id, people in reporters.items():
        organisation = organisations[organisation_id]
        if not takes_part_in(round_, organisation):
            continue
        if not round_tasks_of(round_, organisation).exists():
            continue
        body = _(
            "The coordinating agency extended the round “%(round)s” of plan %(plan)s: reports "
            "of %(organisation)s are now due before %(new)s instead of %(old)s."
        ) % {
            "round": round_.title,
            "plan": round_.plan,
            "organisation": organisation.name,
            "new": _when(change.new_deadline),
            "old": _when(change.old_deadline),
        }
        planned.extend(
            PlannedNotice(
                f"round:extended:{change.pk}:{person.pk}",
                person,
                NoticeKind.ROUND,
                subject,
                body,
                reverse("reporting:agency", kwargs={"round_id": round_.pk}),
            )
            for person in people
        )
    return planned


def requested_notices(extension: DeadlineExtension) -> list[PlannedNotice]:
    """The coordinators of the plan's scope: an agency asks to move a task's deadline."""
    task = extension.task
    subject = _("Extension asked for task %(code)s") % {"code": task.code}
    body = _(
        "%(organisation)s asks to move the deadline of task %(code)s of plan %(plan)s from "
        "%(current)s to %(proposed)s. Reason: %(reason)s\n\n%(title)s"
    ) % {
        "organisation": extension.organisation.name,
        "code": task.code,
        "plan": task.plan,
        "current": vn_date(extension.current_on),
        "proposed": vn_date(extension.proposed_on),
        "reason": extension.reason,
        "title": task.title,
    }
    return [
        PlannedNotice(
            f"extension:requested:{extension.pk}:{person.pk}",
            person,
            EXTENSION_KIND,
            subject,
            body,
            _task_link(task.pk),
        )
        for person in coordinators_of(task.plan)
    ]


def decided_notices(
    extension: DeadlineExtension, reporters: dict[int, list[User]]
) -> list[PlannedNotice]:
    """The reporters of the agency that asked (and the person who asked, should they act for
    it no more): the request was granted, to which day, or refused, and why."""
    task = extension.task
    if extension.state == ExtensionState.GRANTED:
        assert extension.granted_on is not None  # a database constraint
        subject = _("Extension of task %(code)s granted until %(day)s") % {
            "code": task.code,
            "day": vn_date(extension.granted_on),
        }
        body = _(
            "The coordinating agency granted the extension of task %(code)s: its deadline is "
            "now %(day)s (originally %(current)s). %(comment)s"
        ) % {
            "code": task.code,
            "day": vn_date(extension.granted_on),
            "current": vn_date(extension.current_on),
            "comment": extension.comment,
        }
    else:
        subject = _("Extension of task %(code)s refused") % {"code": task.code}
        body = _(
            "The coordinating agency refused to move the deadline of task %(code)s; it stays "
            "%(current)s. Reason: %(comment)s"
        ) % {
            "code": task.code,
            "current": vn_date(extension.current_on),
            "comment": extension.comment,
        }
    people = {person.pk: person for person in reporters.get(extension.organisation_id, [])}
    if extension.requested_by is not None and extension.requested_by.is_active:
        people.setdefault(extension.requested_by.pk, extension.requested_by)
    return [
        PlannedNotice(
            f"extension:decided:{extension.pk}:{person.pk}",
            person,
            EXTENSION_KIND,
            subject.strip(),
            body.strip(),
            _task_link(task.pk),
        )
        for person in people.values()
    ]


def change_notices(now: datetime.datetime, *, within: datetime.timedelta) -> list[PlannedNotice]:
    """Every notice of the changes of the last ``within``: extended rounds, extensions asked
    for and decided (rounds opened and reopened are ``services.round_notices``')."""
    planned: list[PlannedNotice] = []
    since = now - within
    reporters, organisations = reporters_and_agencies()
    with translation.override(settings.LANGUAGE_CODE):
        for change in RoundChange.objects.filter(
            kind=RoundChangeKind.EXTENDED, at__gte=since, at__lte=now, new_deadline__gt=now
        ).select_related("round__plan"):
            planned += extended_notices(change, reporters, organisations)
        extensions = DeadlineExtension.objects.select_related(
            "task__plan", "organisation", "requested_by"
        )
        for extension in extensions.filter(requested_at__gte=since, requested_at__lte=now):
            planned += requested_notices(extension)
        for extension in extensions.filter(decided_at__gte=since, decided_at__lte=now):
            planned += decided_notices(extension, reporters)
    return planned


# --- handlers of reporting's announcements -----------------------------------------------


def _store(plan: Callable[[], list[PlannedNotice]], now: datetime.datetime) -> None:
    """Record the notices ``plan`` makes, worded in the site's language: a handler runs after
    the commit of a request that may have been in any language."""
    with translation.override(settings.LANGUAGE_CODE):
        record_notices(plan(), now=now)


def on_round_opened(event: RoundOpened) -> None:
    round_ = ReportingRound.objects.select_related("plan").get(pk=event.round_id)
    _store(lambda: opened_notices(round_, *reporters_and_agencies()), event.now)


def on_round_extended(event: RoundExtended) -> None:
    change = RoundChange.objects.select_related("round__plan").get(pk=event.change_id)
    _store(lambda: extended_notices(change, *reporters_and_agencies()), event.now)


def on_round_reopened(event: RoundReopened) -> None:
    reporters = reporters_by_organisation()
    reopenings = RoundReopening.objects.filter(pk__in=event.reopening_ids).select_related(
        "round__plan", "organisation"
    )
    _store(
        lambda: [notice for r in reopenings for notice in reopened_notices(r, reporters)],
        event.now,
    )


def _extension(extension_id: int) -> DeadlineExtension:
    return DeadlineExtension.objects.select_related(
        "task__plan", "organisation", "requested_by"
    ).get(pk=extension_id)


def on_extension_requested(event: ExtensionRequested) -> None:
    _store(lambda: requested_notices(_extension(event.extension_id)), event.now)


def on_extension_decided(event: ExtensionDecided) -> None:
    extension = _extension(event.extension_id)
    _store(lambda: decided_notices(extension, reporters_by_organisation()), event.now)


def subscribe_handlers() -> None:
    """Called from ``NotifyConfig.ready``."""
    subscribe(RoundOpened, on_round_opened)
    subscribe(RoundExtended, on_round_extended)
    subscribe(RoundReopened, on_round_reopened)
    subscribe(ExtensionRequested, on_extension_requested)
    subscribe(ExtensionDecided, on_extension_decided)

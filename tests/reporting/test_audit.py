"""Every change of every kind leaves an audit entry with who, when, and the data before and
after: a round opened, locked, reopened; an update saved, submitted, returned, accepted; a
figure saved and reviewed; evidence attached; a schedule set."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.builders import AFTER, DEADLINE, DURING, PDF
from tests.reporting.conftest import DONE, IN_PROGRESS
from theodoi.audit.log import entries_for
from theodoi.audit.models import AuditEntry
from theodoi.ingest.schedule import Schedule
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Indicator, Task
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update, bulk_accept, return_update
from theodoi.reporting.rounds import close_round, lock_due_rounds, reopen_round_for, set_schedule
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value

pytestmark = pytest.mark.django_db
LATER = DURING + datetime.timedelta(hours=1)


def only(action: str) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(action=action))
    assert len(entries) == 1, action
    return entries[0]


def test_every_version_of_an_update_is_logged_with_the_one_before(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    saved = save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=1, now=DURING)
    returned = return_update(submitted, by=coordinator, reason="Bổ sung minh chứng.", now=LATER)
    fixed = submit_update(round_, lead_task, DONE, by=reporter, based_on=3, now=LATER)
    accepted = accept_update(fixed, by=coordinator, now=LATER)

    log = [
        (e.action, e.by, e.before, e.after)
        for e in AuditEntry.objects.filter(action__startswith="reporting.update.").order_by("id")
    ]
    assert log == [
        ("reporting.update.saved", reporter, None, saved.data()),
        ("reporting.update.submitted", reporter, saved.data(), submitted.data()),
        ("reporting.update.returned", coordinator, submitted.data(), returned.data()),
        ("reporting.update.submitted", reporter, returned.data(), fixed.data()),
        ("reporting.update.accepted", coordinator, fixed.data(), accepted.data()),
    ]
    assert log[2][3]["return_reason"] == "Bổ sung minh chứng."
    assert all(e.object_id for e in AuditEntry.objects.filter(action__startswith="reporting."))
    assert TaskUpdate.objects.count() == 5


def test_bulk_acceptance_logs_each_update(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    coordinator: User,
) -> None:
    updates = [
        submit_update(round_, task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
        for task in (lead_task, cooperating_task)
    ]
    accepted = bulk_accept(updates, by=coordinator, now=LATER)
    for before, after in zip(updates, accepted, strict=True):
        (entry,) = entries_for(after).filter(action="reporting.update.accepted")
        assert (entry.before, entry.after) == (before.data(), after.data())


def test_figures_and_their_review_are_logged(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User, coordinator: User
) -> None:
    figure = {"measured_on": datetime.date(2026, 5, 10), "by": reporter, "now": DURING}
    draft = record_indicator_value(round_, percent_indicator, value=31, based_on=0, **figure)  # type: ignore[arg-type]
    sent = record_indicator_value(
        round_,
        percent_indicator,
        value=32,
        based_on=1,
        submit=True,
        **figure,  # type: ignore[arg-type]
    )
    back = return_update(sent, by=coordinator, reason="Ghi rõ nguồn số liệu.", now=LATER)

    assert (only("reporting.value.saved").before, only("reporting.value.saved").after) == (
        None,
        draft.data(),
    )
    assert only("reporting.value.submitted").before == draft.data()
    assert only("reporting.value.submitted").after["value"] == 32
    assert only("reporting.value.returned").after == back.data()
    assert IndicatorValue.objects.count() == 3


def test_round_life_and_evidence_are_logged(
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    reporter_org: Organisation,
    coordinator: User,
) -> None:
    opened = only("reporting.round.opened")
    assert (opened.by, opened.before, opened.after["deadline"]) == (
        coordinator,
        None,
        DEADLINE.isoformat(),
    )
    attach_evidence(round_, lead_task, ContentFile(PDF, name="qd.pdf"), by=reporter, now=DURING)
    attached = only("reporting.evidence.attached")
    assert (attached.before, attached.after["filename"], attached.after["size"]) == (
        None,
        "qd.pdf",
        len(PDF),
    )

    lock_due_rounds(DEADLINE)
    locked = only("reporting.round.locked")
    assert (locked.before, locked.after) == ({"state": "open"}, {"state": "locked"})

    until = AFTER + datetime.timedelta(days=2)
    reopen_round_for(round_, reporter_org, by=coordinator, until=until, now=AFTER)
    reopened = only("reporting.round.reopened")
    assert reopened.before == {"organisation": reporter_org.pk, "until": None}
    assert reopened.after == {"organisation": reporter_org.pk, "until": until.isoformat()}

    close_round(round_, by=coordinator, now=AFTER)
    closed = only("reporting.round.closed")
    assert (closed.by, closed.before, closed.after) == (
        coordinator,
        {"state": "locked"},
        {"state": "closed"},
    )


def test_a_schedule_change_is_logged_with_the_old_schedule(
    round_: ReportingRound, coordinator: User
) -> None:
    plan = round_.plan
    set_schedule(
        plan,
        Schedule(dates=((1, 6), (15, 11)), text="trước ngày 01/6 và 15/11"),
        by=None,
        now=DURING,
    )
    set_schedule(plan, Schedule(every_months=6), by=coordinator, now=LATER)
    first, second = AuditEntry.objects.filter(action="reporting.schedule.set").order_by("id")
    assert first.after["schedule"] == "Trước ngày 01/6 và 15/11 hằng năm"
    assert second.before["schedule"] == "Trước ngày 01/6 và 15/11 hằng năm"
    assert second.after["schedule"] == "Định kỳ 6 tháng"


def test_a_refused_write_leaves_no_entry(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ReportingError, match="100%"):
        submit_update(
            round_,
            lead_task,
            dataclasses.replace(DONE, progress=50),
            by=reporter,
            based_on=0,
            now=DURING,
        )
    assert AuditEntry.objects.count() == before

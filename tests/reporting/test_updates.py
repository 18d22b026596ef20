"""Saving and submitting an agency's update on a task: versions, roles and refusals."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User

from tests.builders import DURING, LATER
from tests.reporting.conftest import DONE, IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.errors import ReportingError, StaleVersionError
from theodoi.reporting.models import (
    ReportingRound,
    TaskUpdate,
)
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import save_draft, submit_update

pytestmark = pytest.mark.django_db


def test_each_save_is_a_new_version_and_none_is_changed(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    first = save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    more = dataclasses.replace(IN_PROGRESS, progress=60)
    second = save_draft(round_, lead_task, more, by=reporter, based_on=1, now=LATER)
    third = submit_update(round_, lead_task, more, by=reporter, based_on=2, now=LATER)

    rows = list(TaskUpdate.objects.filter(task=lead_task).order_by("version"))
    assert [(r.version, r.state, r.progress) for r in rows] == [
        (1, "draft", 40),
        (2, "draft", 60),
        (3, "submitted", 60),
    ]
    assert (first.pk, second.pk, third.pk) == tuple(r.pk for r in rows)
    assert rows[0].role == "lead"


def test_a_cooperating_agency_reports_its_part(
    round_: ReportingRound, cooperating_task: Task, reporter: User
) -> None:
    update = submit_update(
        round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING
    )
    assert update.role == "cooperating"


def test_a_reporter_cannot_report_on_another_agencys_task(
    round_: ReportingRound, foreign_task: Task, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="không chủ trì, không phối hợp"):
        save_draft(round_, foreign_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    assert not TaskUpdate.objects.exists()


def test_a_coordinator_does_not_report_for_an_agency(
    round_: ReportingRound, lead_task: Task, coordinator: User
) -> None:
    with pytest.raises(ReportingError, match="cán bộ báo cáo"):
        save_draft(round_, lead_task, IN_PROGRESS, by=coordinator, based_on=0, now=DURING)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (dataclasses.replace(DONE, completed_on=None), "ngày hoàn thành"),
        (dataclasses.replace(DONE, progress=90), "100%"),
        (dataclasses.replace(IN_PROGRESS, status="not_started", progress=80), "chưa triển khai"),
        (dataclasses.replace(IN_PROGRESS, progress=120), "120%"),
        (dataclasses.replace(IN_PROGRESS, status="finished"), "sáu trạng thái"),
        (dataclasses.replace(IN_PROGRESS, completed_on=datetime.date(2026, 5, 1)), "chỉ nhiệm vụ"),
        (dataclasses.replace(DONE, completed_on=datetime.date(2026, 7, 1)), "tương lai"),
    ],
)
def test_an_update_that_contradicts_itself_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, content: object, message: str
) -> None:
    with pytest.raises(ReportingError, match=message):
        submit_update(round_, lead_task, content, by=reporter, based_on=0, now=DURING)  # type: ignore[arg-type]
    assert not TaskUpdate.objects.exists()


def test_a_save_from_an_old_version_is_refused_and_shows_the_newer_one(
    round_: ReportingRound, lead_task: Task, reporter: User, make_user: object
) -> None:
    save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    theirs = save_draft(
        round_,
        lead_task,
        dataclasses.replace(IN_PROGRESS, progress=70),
        by=reporter,
        based_on=1,
        now=LATER,
    )
    with pytest.raises(StaleVersionError, match="Người khác đã lưu") as refused:
        save_draft(
            round_,
            lead_task,
            dataclasses.replace(IN_PROGRESS, progress=50),
            by=reporter,
            based_on=1,
            now=LATER,
        )
    assert refused.value.current == theirs
    assert TaskUpdate.objects.filter(task=lead_task).count() == 2


def test_a_submitted_update_cannot_be_changed_until_returned(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="đã gửi"):
        save_draft(round_, lead_task, DONE, by=reporter, based_on=1, now=LATER)

    returned = return_update(submitted, by=coordinator, reason="Thiếu minh chứng.", now=LATER)
    assert (returned.version, returned.state, returned.return_reason) == (
        2,
        "returned",
        "Thiếu minh chứng.",
    )
    fixed = submit_update(round_, lead_task, DONE, by=reporter, based_on=2, now=LATER)
    accepted = accept_update(fixed, by=coordinator, now=LATER)
    assert (accepted.version, accepted.state, accepted.status) == (4, "accepted", "done_on_time")
    with pytest.raises(ReportingError, match="đã tiếp nhận"):
        save_draft(round_, lead_task, DONE, by=reporter, based_on=4, now=LATER)

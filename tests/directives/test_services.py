"""Directives: a leader or the coordinator of the plan's scope directs an agency of the plan,
on a task or on its work, with a day to answer by; the agency's reporter answers once. Each
refusal names the field in Vietnamese and stores nothing; each write is audited."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from tests.builders import NOW, agency_of, lead_tasks, org
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.directives.errors import DirectiveError
from theodoi.directives.models import Directive, DirectiveState
from theodoi.directives.services import (
    answer_directive,
    issue_directive,
    may_direct,
    open_directives,
    visible_directives,
)
from theodoi.plans.models import Plan

TEXT = "Đề nghị Sở báo cáo rõ nguyên nhân chậm tiến độ và giải pháp khắc phục trong quý IV."
ANSWER = "Sở đã bố trí kinh phí bổ sung; dự kiến hoàn thành trong tháng 12/2026."
DUE = datetime.date(2026, 12, 5)


@pytest.fixture(autouse=True)
def vietnamese() -> None:
    translation.activate("vi")


def direct(plan: Plan, by: User, **changes: object) -> Directive:
    reporter_task = changes.pop("task", None)
    fields: dict[str, object] = {
        "task": reporter_task,
        "agency": None,
        "text": TEXT,
        "due": DUE,
        "by": by,
        "now": NOW,
    }
    return issue_directive(plan, **{**fields, **changes})  # type: ignore[arg-type]


def test_a_leader_directs_the_lead_agency_of_a_task_and_it_is_audited(
    tien_giang_plan: Plan, leader: User, reporter: User
) -> None:
    task = lead_tasks(tien_giang_plan, reporter)[0]

    directive = direct(tien_giang_plan, leader, task=task)

    assert directive.agency == agency_of(reporter)
    assert directive.state == DirectiveState.OPEN
    entry = AuditEntry.objects.get(action=Action.DIRECTIVE_ISSUED)
    assert entry.by == leader
    assert entry.after["task"] == task.pk
    assert list(open_directives(reporter)) == [directive]


def test_the_agency_answers_once_and_the_answer_is_audited(
    tien_giang_plan: Plan, leader: User, reporter: User
) -> None:
    directive = direct(tien_giang_plan, leader, agency=agency_of(reporter))

    answered = answer_directive(directive, text=f"  {ANSWER} ", by=reporter, now=NOW)

    assert answered.state == DirectiveState.ANSWERED
    assert answered.answer == ANSWER
    assert AuditEntry.objects.filter(action=Action.DIRECTIVE_ANSWERED, by=reporter).count() == 1
    assert list(open_directives(leader)) == []
    with pytest.raises(DirectiveError, match="đã được trả lời"):
        answer_directive(directive, text="Lần hai", by=reporter, now=NOW)
    directive.refresh_from_db()
    assert directive.answer == ANSWER


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "Nội dung chỉ đạo: chưa có nội dung"),
        ({"text": "x" * 4001}, "tối đa 4000 ký tự"),
        ({"due": datetime.date(2026, 11, 21)}, "Hạn trả lời: ngày 21/11/2026 đã qua"),
        ({"agency": "quang-ngai--so-khoa-hoc-cong-nghe"}, "không thực hiện nhiệm vụ hay chỉ tiêu"),
        ({}, "Cơ quan: hãy chọn cơ quan phải trả lời"),
    ],
)
def test_a_bad_directive_is_refused_by_name_and_nothing_is_stored(
    tien_giang_plan: Plan, leader: User, changes: dict[str, object], message: str
) -> None:
    if isinstance(changes.get("agency"), str):
        changes["agency"] = org(str(changes["agency"]))
    elif "agency" not in changes and changes:
        changes["agency"] = org("dong-thap--so-khoa-hoc-cong-nghe")

    with pytest.raises(DirectiveError, match=message):
        direct(tien_giang_plan, leader, **changes)

    assert Directive.objects.count() == 0
    assert not AuditEntry.objects.filter(action=Action.DIRECTIVE_ISSUED).exists()


def test_a_task_of_another_plan_is_refused(
    tien_giang_plan: Plan, import_gold: object, leader: User
) -> None:
    other = import_gold("003_de113db257313a93.json")  # type: ignore[operator]
    task = other.tasks.first()

    with pytest.raises(DirectiveError, match="Nhiệm vụ: nhiệm vụ này không thuộc"):
        direct(tien_giang_plan, leader, task=task)

    assert Directive.objects.count() == 0


def test_only_leaders_and_coordinators_of_the_scope_direct(
    tien_giang_plan: Plan,
    leader: User,
    coordinator: User,
    national_leader: User,
    inspector: User,
    reporter: User,
    other_coordinator: User,
) -> None:
    assert may_direct(leader, tien_giang_plan)
    assert may_direct(coordinator, tien_giang_plan)
    assert may_direct(national_leader, tien_giang_plan)
    for person in (inspector, reporter, other_coordinator):
        assert not may_direct(person, tien_giang_plan)
        with pytest.raises(DirectiveError, match="Chỉ lãnh đạo hoặc cơ quan đầu mối"):
            direct(tien_giang_plan, person, agency=agency_of(reporter))
    assert Directive.objects.count() == 0


def test_only_the_directed_agency_answers(
    tien_giang_plan: Plan, leader: User, reporter: User, other_reporter: User
) -> None:
    directive = direct(tien_giang_plan, leader, agency=agency_of(reporter))

    for person in (other_reporter, leader):
        with pytest.raises(DirectiveError, match="Chỉ người báo cáo của cơ quan được chỉ đạo"):
            answer_directive(directive, text=ANSWER, by=person, now=NOW)
    with pytest.raises(DirectiveError, match="Câu trả lời: chưa có nội dung"):
        answer_directive(directive, text=" ", by=reporter, now=NOW)
    directive.refresh_from_db()
    assert directive.state == DirectiveState.OPEN


def test_who_reads_a_directive(
    tien_giang_plan: Plan,
    leader: User,
    reporter: User,
    other_reporter: User,
    inspector: User,
    other_coordinator: User,
    national_leader: User,
) -> None:
    directive = direct(tien_giang_plan, leader, agency=agency_of(reporter))

    for person in (leader, reporter, inspector, national_leader):
        assert list(visible_directives(person)) == [directive]
    for person in (other_reporter, other_coordinator):
        assert list(visible_directives(person)) == []

"""The Word report lists the plan's directives under "V. Ý KIẾN CHỈ ĐẠO", open ones first,
an answered one with its answer; read back with python-docx as a person reads the file."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.utils import translation
from docx import Document

from tests.builders import AS_OF, DURING, REVIEWED, agency_of, lead_tasks
from theodoi.directives.agencies import plan_agencies
from theodoi.directives.services import answer_directive, issue_directive
from theodoi.exports.content import plan_report
from theodoi.exports.word import round_report_docx
from theodoi.reporting.models import ReportingRound

OPEN_TEXT = "Đề nghị Sở Y tế đẩy nhanh triển khai bệnh án điện tử."
ANSWERED_TEXT = "Đề nghị Sở Khoa học và Công nghệ báo cáo nguyên nhân chậm tiến độ."
ANSWER = "Sở đã bổ sung nhân lực, dự kiến hoàn thành trong quý III."


def paragraphs(docx: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


@pytest.fixture(autouse=True)
def vietnamese() -> None:
    translation.activate("vi")


def test_the_word_report_lists_open_and_answered_directives(
    round_: ReportingRound, leader: User, reporter: User, coordinator: User
) -> None:
    plan = round_.plan
    task = lead_tasks(plan, reporter)[0]
    answered = issue_directive(
        plan,
        task=task,
        agency=None,
        text=ANSWERED_TEXT,
        due=datetime.date(2026, 6, 30),
        by=leader,
        now=DURING,
    )
    answer_directive(answered, text=ANSWER, by=reporter, now=REVIEWED)
    health = next(a for a in plan_agencies(plan, today=AS_OF) if "Y tế" in a.name)
    issue_directive(
        plan,
        task=None,
        agency=health,
        text=OPEN_TEXT,
        due=datetime.date(2026, 6, 15),
        by=leader,
        now=DURING,
    )

    text = paragraphs(round_report_docx(plan_report(plan, user=coordinator, as_of=AS_OF)))

    heading = text.index("V. Ý KIẾN CHỈ ĐẠO")
    section = text[heading + 1 : heading + 4]
    assert section[0] == f"- {health.name} (hạn trả lời 15/06/2026, chờ trả lời): {OPEN_TEXT}"
    assert section[1] == (
        f"- {agency_of(reporter).name}, nhiệm vụ {task.code} (hạn trả lời 30/06/2026, "
        f"đã trả lời): {ANSWERED_TEXT}"
    )
    assert section[2].strip() == f"Trả lời: {ANSWER}"


def test_a_report_before_a_directive_was_given_does_not_list_it(
    round_: ReportingRound, leader: User, reporter: User, coordinator: User
) -> None:
    plan = round_.plan
    issue_directive(
        plan,
        task=None,
        agency=agency_of(reporter),
        text=OPEN_TEXT,
        due=datetime.date(2026, 6, 30),
        by=leader,
        now=DURING,
    )
    earlier = datetime.date(2026, 5, 10)

    text = paragraphs(round_report_docx(plan_report(plan, user=coordinator, as_of=earlier)))

    assert "Chưa có ý kiến chỉ đạo nào về kế hoạch này." in text
    assert not any(OPEN_TEXT in line for line in text)

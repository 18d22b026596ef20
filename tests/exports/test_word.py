"""The round's Word report: printed by LibreOffice and read back as text, it carries the plan's
title, every task group with its counts, the indicators and what agencies reported; its page,
fonts and heading follow Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from docx import Document
from docx.shared import Pt

from tests.builders import AS_OF
from tests.exports.conftest import DIFFICULTY, PROPOSAL, RESULT, pdf_text
from theodoi.exports.content import plan_report
from theodoi.exports.word import round_report_docx
from theodoi.reporting.models import ReportingRound

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def docx(reported_round: ReportingRound, coordinator: User) -> bytes:
    report = plan_report(reported_round.plan, user=coordinator, as_of=AS_OF, round_=reported_round)
    return round_report_docx(report)


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_the_printed_report_has_the_plan_title_every_group_and_its_counts(
    docx: bytes, reported_round: ReportingRound, tmp_path: Path
) -> None:
    text = pdf_text(docx, tmp_path)
    plan = reported_round.plan

    assert folded(plan.title) in text
    assert f"đề ra {plan.tasks.count()} nhiệm vụ thuộc {plan.groups.count()} nhóm" in text
    assert f"và {plan.indicators.count()} chỉ tiêu" in text
    assert "hoàn thành đúng hạn: 1" in text
    for group in plan.groups.all():
        assert f"{folded(group.title)} {group.tasks.count()} nhiệm vụ:" in text, group.code
    assert RESULT in text
    assert DIFFICULTY in text
    assert PROPOSAL in text
    assert "62,5 %" in text
    assert "DANH MỤC NHIỆM VỤ VÀ TÌNH TRẠNG THỰC HIỆN" in text


@pytest.mark.slow
def test_the_printed_report_opens_with_the_national_heading_and_blanks_to_fill(
    docx: bytes, tmp_path: Path
) -> None:
    text = pdf_text(docx, tmp_path)

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" in text
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "/BC-" in text
    assert "Đồng Tháp, ngày ... tháng ... năm 2026" in text
    assert "BÁO CÁO Kết quả thực hiện kế hoạch số 69/KH-UBND" in text
    assert "kỳ báo cáo “Báo cáo 6 tháng đầu năm 2026”" in text


def test_page_margins_and_fonts_follow_the_decree(docx: bytes) -> None:
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    # Word keeps lengths in twentieths of a point: compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert Pt(13) <= normal.size <= Pt(14)

    heading = document.tables[0].rows[0].cells[1].paragraphs
    title, motto = heading[0].runs[0], heading[1].runs[0]
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert title.bold
    assert Pt(12) <= title.font.size <= Pt(13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert motto.bold
    assert Pt(13) <= motto.font.size <= Pt(14)
    # The rule under the motto is the bottom border of the paragraph after it, no wider.
    rule = heading[2].paragraph_format
    assert heading[2]._p.pPr.find(f"{{{W}}}pBdr") is not None
    assert not heading[2].text.strip()
    assert rule.left_indent == rule.right_indent > 0


def test_the_report_carries_a_chart_of_tasks_by_status(docx: bytes) -> None:
    document = Document(io.BytesIO(docx))
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG")

"""Leaders and the coordinator find the downloads on the pages they already use and get the
files; a reporter is not offered them."""

from __future__ import annotations

import io
import re

from django.contrib.auth.models import User
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.builders import signed_in
from theodoi.reporting.models import ReportingRound


def link(page: str, text: str) -> str:
    match = re.search(rf'href="([^"]+)"[^>]*>{re.escape(text)}<', page)
    assert match, f"no link {text!r}"
    return match.group(1)


def test_a_leader_downloads_the_task_table_from_the_plan_page(
    reported_round: ReportingRound, leader: User
) -> None:
    client = signed_in(leader)
    page = client.get(reverse("workspace:plan_detail", args=[reported_round.plan_id]))

    response = client.get(link(page.content.decode(), "Tải bảng nhiệm vụ và chỉ tiêu (Excel)"))

    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert "attachment;" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]


def test_the_coordinator_downloads_the_round_report_from_the_round_list(
    reported_round: ReportingRound, coordinator: User
) -> None:
    client = signed_in(coordinator)
    page = client.get(reverse("reporting:round_list")).content.decode()

    response = client.get(link(page, "báo cáo (Word)"))

    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BÁO CÁO" in text
    assert reported_round.title in text


def test_a_reporter_is_not_offered_the_downloads(
    reported_round: ReportingRound, reporter: User
) -> None:
    client = signed_in(reporter)
    plan_page = client.get(reverse("workspace:plan_detail", args=[reported_round.plan_id]))
    rounds_page = client.get(reverse("reporting:round_list"))

    assert "(Excel)" not in plan_page.content.decode()
    assert "(Word)" not in rounds_page.content.decode()
    assert (
        client.get(reverse("exports:plan_table", args=[reported_round.plan_id])).status_code == 403
    )

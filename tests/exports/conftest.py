"""The half-year round of seed 004 (Tiền Giang's plan, Đồng Tháp's since the merger) in which
Sở Khoa học và Công nghệ reports two tasks and a figure, accepted by the coordinator, built
through the real reporting services; and the Word report read back as a person would."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.builders import agency_of, lead_tasks, percent_indicator, report_task, report_value
from theodoi.plans.models import Plan, Task
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import UpdateContent

DIFFICULTY = "Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã."
PROPOSAL = "Đề nghị bổ sung kinh phí năm 2026 cho nền tảng dữ liệu dùng chung."
RESULT = "Đã ban hành kế hoạch triển khai và tổ chức tập huấn cho 120 cán bộ."


@pytest.fixture
def reported_round(
    round_: ReportingRound, tien_giang_plan: Plan, reporter: User, coordinator: User
) -> ReportingRound:
    done, going = lead_tasks(tien_giang_plan, reporter)[:2]
    finished = UpdateContent(
        status="done_on_time",
        progress=100,
        completed_on=datetime.date(2026, 5, 15),
        results=RESULT,
        product="Kế hoạch số 12/KH-SKHCN",
    )
    halfway = UpdateContent(
        status="in_progress",
        progress=40,
        results="Đã xây dựng dự thảo.",
        difficulties=DIFFICULTY,
        proposals=PROPOSAL,
    )
    report_task(round_, done, finished, by=reporter, reviewer=coordinator, evidence=True)
    report_task(round_, going, halfway, by=reporter, reviewer=coordinator)
    indicator = percent_indicator(tien_giang_plan, agency_of(reporter))
    report_value(
        round_, indicator, 62.5, datetime.date(2026, 5, 10), by=reporter, reviewer=coordinator
    )
    return round_


def reported_tasks(round_: ReportingRound) -> list[Task]:
    return list(Task.objects.filter(updates__round=round_).distinct().order_by("position"))


def pdf_text(docx: bytes, folder: Path) -> str:
    """The Word file printed to PDF by LibreOffice, read back by pdftotext, with white space
    folded to single spaces."""
    source = folder / "bao-cao.docx"
    source.write_bytes(docx)
    # Its own profile, so a LibreOffice already open on the machine does not take the job.
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(folder / "bao-cao.pdf"), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    return " ".join(text.split())

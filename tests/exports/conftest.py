"""A round of seed 004 (Tiền Giang's plan, Đồng Tháp's since the merger) in which Sở Khoa học
và Công nghệ reports two tasks and a figure, accepted by the coordinator, built through the
real reporting services."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from theodoi.plans.models import AgencyRole, Plan, Task
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, submit_update
from theodoi.reporting.values import record_indicator_value

OPENED = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
DURING = datetime.datetime(2026, 5, 20, 3, 0, tzinfo=datetime.UTC)
REVIEWED = datetime.datetime(2026, 5, 25, 3, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2026, 5, 31, 17, 0, tzinfo=datetime.UTC)
AS_OF = datetime.date(2026, 5, 26)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DIFFICULTY = "Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã."
PROPOSAL = "Đề nghị bổ sung kinh phí năm 2026 cho nền tảng dữ liệu dùng chung."
RESULT = "Đã ban hành kế hoạch triển khai và tổ chức tập huấn cho 120 cán bộ."


@pytest.fixture
def reported_round(tien_giang_plan: Plan, reporter: User, coordinator: User) -> ReportingRound:
    round_ = open_round(
        tien_giang_plan,
        title="Báo cáo 6 tháng đầu năm 2026",
        period_start=datetime.date(2025, 11, 15),
        period_end=datetime.date(2026, 5, 31),
        cut_off=datetime.date(2026, 5, 15),
        deadline=DEADLINE,
        by=coordinator,
        now=OPENED,
    )
    lineage = reporter.membership.organisation.lineage_ids()
    done, going = list(
        tien_giang_plan.tasks.filter(
            agencies__organisation_id__in=lineage, agencies__role=AgencyRole.LEAD
        )
        .exclude(due_kind="recurring")
        .distinct()
        .order_by("position")[:2]
    )
    attach_evidence(round_, done, ContentFile(PDF, name="quyet-dinh.pdf"), by=reporter, now=DURING)
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
    for task, content in ((done, finished), (going, halfway)):
        update = submit_update(round_, task, content, by=reporter, based_on=0, now=DURING)
        accept_update(update, by=coordinator, now=REVIEWED)
    indicator = (
        tien_giang_plan.indicators.filter(agencies__organisation_id__in=lineage, unit="%")
        .order_by("position")
        .first()
    )
    figure = record_indicator_value(
        round_,
        indicator,
        value=62.5,
        measured_on=datetime.date(2026, 5, 10),
        confirmed=True,
        submit=True,
        by=reporter,
        based_on=0,
        now=DURING,
    )
    accept_update(figure, by=coordinator, now=REVIEWED)
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

"""Evidence files: stored with checksum and type, refused when they cannot be evidence."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.reporting.conftest import DURING, LATER, PDF
from theodoi.plans.models import Task
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import (
    Evidence,
    ReportingRound,
)

pytestmark = pytest.mark.django_db


def test_evidence_is_stored_with_its_checksum_and_type(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    evidence = attach_evidence(
        round_, lead_task, ContentFile(PDF, name="ke-hoach.pdf"), by=reporter, now=DURING
    )
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    assert len(evidence.sha256) == 64
    assert evidence.file.read() == PDF
    assert "ke-hoach" not in evidence.file.name


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "trong.pdf", "trống"),
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "bao-cao.pdf", "không phải PDF"),
        (b"<html><script>alert(1)</script></html>", "anh.png", "không phải PDF"),
    ],
)
def test_evidence_of_the_wrong_kind_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(ReportingError, match=message):
        attach_evidence(round_, lead_task, ContentFile(data, name=name), by=reporter, now=DURING)
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, settings: object
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ReportingError, match=r"lon.pdf.*giới hạn.* 1 MB"):
        attach_evidence(
            round_, lead_task, ContentFile(big, name="lon.pdf"), by=reporter, now=DURING
        )


def test_the_same_file_is_attached_once(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    attach_evidence(round_, lead_task, ContentFile(PDF, name="a.pdf"), by=reporter, now=DURING)
    with pytest.raises(ReportingError, match="đã được đính kèm"):
        attach_evidence(round_, lead_task, ContentFile(PDF, name="b.pdf"), by=reporter, now=LATER)

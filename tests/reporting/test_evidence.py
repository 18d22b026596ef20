"""Evidence files: stored with checksum and type, refused when they cannot be evidence."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.base import ContentFile

from tests.builders import DURING, LATER, PDF
from tests.reporting.office_files import (
    macro_word_file,
    odf_text,
    plain_zip,
    word_file,
    zip_bomb,
)
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
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF
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


def test_a_word_file_is_kept_as_word(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    evidence = attach_evidence(
        round_, lead_task, ContentFile(word_file(), name="bien-ban.docx"), by=reporter, now=DURING
    )
    assert evidence.content_type.endswith("wordprocessingml.document")


def test_an_opendocument_text_is_kept(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    evidence = attach_evidence(
        round_, lead_task, ContentFile(odf_text(), name="bien-ban.odt"), by=reporter, now=DURING
    )
    assert evidence.content_type == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (macro_word_file(), "bao-cao.docm", "“bao-cao.docm” là tệp Office có macro (.docm)"),
        (macro_word_file(), "bao-cao.docx", "“bao-cao.docx” có chứa macro"),
        (odf_text({"Basic/Standard/Module1.xml": b"<x/>"}), "bien-ban.odt", "có chứa macro"),
        (PDF, "bao-cao.pdf.exe", "có đuôi .exe nhưng nội dung là PDF"),
        (PDF, "bao-cao", "“bao-cao” không có đuôi nhưng nội dung là PDF"),
        (word_file(), "bien-ban.pdf", "có đuôi .pdf nhưng nội dung là Word (.docx)"),
        (plain_zip({"a.txt": bytes(10_000_000)}), "zip.pdf", "mà là ZIP"),
        (PDF + plain_zip({"a.txt": bytes(10_000_000)}), "zip.pdf", "có một tệp nén ZIP gắn"),
        (zip_bomb(), "anh.docx", "giải nén ra gấp"),
    ],
)
def test_files_that_could_harm_whoever_opens_them_are_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(ReportingError, match=re.escape(message)):
        attach_evidence(round_, lead_task, ContentFile(data, name=name), by=reporter, now=DURING)
    assert not Evidence.objects.exists()


def test_a_600_mb_file_is_refused_by_its_size_before_it_is_read(
    round_: ReportingRound, lead_task: Task, reporter: User, tmp_path: Path
) -> None:
    huge = tmp_path / "video.pdf"
    with huge.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(600 * 1024 * 1024)  # sparse: no disk used
    tracemalloc.start()
    try:
        with huge.open("rb") as handle, pytest.raises(ReportingError, match="600,0 MB"):
            attach_evidence(round_, lead_task, File(handle), by=reporter, now=DURING)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024

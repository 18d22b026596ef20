"""Plans and evidence pass one upload check (theodoi.files.uploads.check_upload): the same
hostile file gets the same Vietnamese refusal on both paths, and neither keeps anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pytest_django.fixtures import Settings

from tests.conftest import NOW
from tests.reporting.conftest import DURING
from tests.reporting.office_files import zip_bomb
from theodoi.files.uploads import FileKind, clean_name
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import stage_import
from theodoi.plans.models import ImportDraft, Task
from theodoi.plans.uploads import PLAN_KINDS
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.evidence import EVIDENCE_KINDS, attach_evidence
from theodoi.reporting.models import Evidence, ReportingRound

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(400)


def labels(kinds: tuple[FileKind, ...]) -> str:
    return ", ".join(kind.label for kind in kinds)


def stored_files() -> set[str]:
    found: set[str] = set()

    def walk(folder: str) -> None:
        if folder and not default_storage.exists(folder):
            return
        folders, files = default_storage.listdir(folder)
        found.update(f"{folder}/{name}" for name in files)
        for inner in folders:
            walk(f"{folder}/{inner}" if folder else inner)

    walk("")
    return found


@pytest.fixture
def refusals(
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    coordinator: User,
    settings: Settings,
    tmp_path: Path,
) -> Callable[[bytes, str], tuple[str, str]]:
    """Upload one file as a plan and as evidence; the two refusals, once nothing was kept.

    The storage is this test's own: "nothing kept" is read over every file in it, and another
    test worker writes its imports to the shared folder meanwhile."""
    settings.MEDIA_ROOT = tmp_path

    def refuse(data: bytes, name: str) -> tuple[str, str]:
        before = stored_files(), ImportDraft.objects.count()
        with pytest.raises(PlanError) as plan:
            stage_import(ContentFile(data, name=name), by=coordinator, now=NOW)
        with pytest.raises(ReportingError) as evidence:
            attach_evidence(
                round_, lead_task, ContentFile(data, name=name), by=reporter, now=DURING
            )
        assert not Evidence.objects.exists()
        assert (stored_files(), ImportDraft.objects.count()) == before
        return str(plan.value), str(evidence.value)

    return refuse


def test_a_docx_that_is_a_zip_bomb_is_refused_alike(
    refusals: Callable[..., tuple[str, str]],
) -> None:
    plan, evidence = refusals(zip_bomb(), "ke-hoach.docx")
    assert plan == evidence
    assert plan.startswith("Tệp “ke-hoach.docx” có phần word/media/image1.png giải nén ra gấp")
    assert "bom nén" in plan


def test_a_program_named_pdf_is_refused_alike(refusals: Callable[..., tuple[str, str]]) -> None:
    plan, evidence = refusals(EXE, "bao-cao.pdf")
    # The one message, naming what each page takes.
    template = "Tệp “bao-cao.pdf” không phải {} (xét theo nội dung tệp mà là EXE)."
    assert plan == template.format(labels(PLAN_KINDS))
    assert evidence == template.format(labels(EVIDENCE_KINDS))


def test_an_empty_file_is_refused_alike(refusals: Callable[..., tuple[str, str]]) -> None:
    plan, evidence = refusals(b"", "ke-hoach.pdf")
    assert plan == evidence == "Tệp “ke-hoach.pdf” trống."


def test_an_oversized_file_is_refused_alike(
    refusals: Callable[..., tuple[str, str]], settings: Settings
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024
    plan, evidence = refusals(b"%PDF-1.4\n" + bytes(1536 * 1024), "lon.pdf")
    assert plan == evidence == "Tệp “lon.pdf” có dung lượng 1,5 MB; giới hạn là 1 MB."


def test_a_name_with_a_folder_or_a_direction_mark_is_refused_under_its_plain_name(
    refusals: Callable[..., tuple[str, str]],
) -> None:
    # U+202E shows "hoa-don\u202efdp.exe" as "hoa-donexe.pdf"; it is an .exe.
    plan, evidence = refusals(b"%PDF-1.4\n%%EOF\n", "../../etc/hoa-don\u202efdp.exe")
    assert plan == evidence
    assert plan.startswith("Tệp “hoa-donfdp.exe” có đuôi .exe nhưng nội dung là PDF.")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("C:\\Users\\an\\Desktop\\bao cao.pdf", "bao cao.pdf"),
        ("a/b/\x00\x1bke\u200bhoach.docx", "kehoach.docx"),
        ("...", "minh-chung"),
        ("", "minh-chung"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_a_hostile_name_is_cleaned_before_anyone_sees_it(raw: str, shown: str) -> None:
    assert clean_name(raw, "minh-chung") == shown

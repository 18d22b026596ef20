"""A plan uploaded as the Word 97-2003 (.doc), RTF or OpenDocument (.odt) file an office
keeps is staged as its .docx is; a hostile or broken one, a conversion that runs past its
time and a server without LibreOffice are refused with a Vietnamese message, and nothing of
the upload is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from pytest_django.fixtures import Settings

from tests.builders import NOW, SEEDS
from tests.ingest.builders import build_docx, convert_all
from tests.ingest.word97 import renamed_entry, with_macros, without_word_header
from tests.reporting.test_uploads import stored_files
from theodoi.ingest.readers import office
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import stage_import
from theodoi.plans.models import ImportDraft

pytestmark = pytest.mark.usefixtures("orgs")
SEED_004 = SEEDS / "004_aea82470e0b2daef.txt"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Seed 004 typed as a .docx, and saved from it by LibreOffice as .doc, .rtf and .odt."""
    folder = tmp_path_factory.mktemp("older")
    word = build_docx(SEED_004, folder / "ke-hoach.docx")
    files = {"docx": word.read_bytes()}
    for fmt in ("doc", "rtf", "odt"):
        [older] = convert_all([word], folder, fmt)
        files[fmt] = older.read_bytes()
    return files


@pytest.fixture
def storage(settings: Settings, tmp_path: Path) -> None:
    """The test's own storage: "nothing kept" is read over every file in it."""
    settings.MEDIA_ROOT = tmp_path


def stage(coordinator: User, name: str, data: bytes) -> ImportDraft:
    return stage_import(ContentFile(data, name=name), by=coordinator, now=NOW)


def refusal(coordinator: User, name: str, data: bytes) -> str:
    before = stored_files()
    with pytest.raises(PlanError) as refused:
        stage(coordinator, name, data)
    assert not ImportDraft.objects.exists()
    assert stored_files() == before  # nothing half-written
    return str(refused.value)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["doc", "rtf", "odt"])
def test_an_older_format_is_staged_with_the_tasks_of_its_docx(
    coordinator: User, saved: dict[str, bytes], storage: None, fmt: str
) -> None:
    older = stage(coordinator, f"ke-hoach.{fmt}", saved[fmt])
    word = stage(coordinator, "ke-hoach.docx", saved["docx"])
    assert older.filename == f"ke-hoach.{fmt}"
    with older.source_file.open("rb") as kept:
        assert kept.read() == saved[fmt]  # the file as uploaded is kept
    with older.converted_file.open("rb") as kept:  # and the .docx read from it, beside it
        assert kept.read(4) == b"PK\x03\x04"
    assert older.converted_file.name.endswith("/ke-hoach.docx")
    assert not word.converted_file  # a .docx is read as it is
    titles = [task["title"] for task in older.plan_json["tasks"]]
    assert titles == [task["title"] for task in word.plan_json["tasks"]]
    assert len(titles) > 50


def test_a_doc_with_vba_macros_is_refused_before_it_is_converted(
    coordinator: User, saved: dict[str, bytes], storage: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # not converted: refused before
    message = refusal(coordinator, "ke-hoach.doc", with_macros(saved["doc"]))
    assert message.startswith("Tệp “ke-hoach.doc” có chứa macro")


def test_a_truncated_doc_is_refused_as_broken(
    coordinator: User, saved: dict[str, bytes], storage: None
) -> None:
    message = refusal(coordinator, "ke-hoach.doc", saved["doc"][:20_000])
    assert message == "Tệp “ke-hoach.doc” bị hỏng, không mở được."


def test_garbage_named_doc_is_refused_from_its_content(coordinator: User, storage: None) -> None:
    message = refusal(coordinator, "ke-hoach.doc", bytes(range(256)) * 40)
    assert message.startswith("Tệp “ke-hoach.doc” không phải Word (.docx), Word 97-2003 (.doc)")


def test_another_office_file_named_doc_is_refused(
    coordinator: User, saved: dict[str, bytes], storage: None
) -> None:
    workbook = renamed_entry(saved["doc"], "WordDocument", "Workbook")
    message = refusal(coordinator, "ke-hoach.doc", workbook)
    assert "không phải tài liệu Word" in message


def test_a_doc_over_the_upload_limit_is_refused_naming_it(
    coordinator: User, storage: None, settings: Settings
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024
    huge = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2 * 1024 * 1024)
    message = refusal(coordinator, "lon.doc", huge)
    assert message == "Tệp “lon.doc” có dung lượng 2,0 MB; giới hạn là 1 MB."


def test_a_server_without_libreoffice_says_what_to_do(
    coordinator: User, saved: dict[str, bytes], storage: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    message = refusal(coordinator, "ke-hoach.odt", saved["odt"])
    assert message.startswith("“ke-hoach.odt” là tệp Word cũ, RTF hoặc OpenDocument")
    assert "chưa cài LibreOffice" in message
    assert "apt" not in message  # the package is for IT staff, in the log


@pytest.mark.slow
def test_a_doc_libreoffice_cannot_convert_is_refused_as_damaged(
    coordinator: User, saved: dict[str, bytes], storage: None
) -> None:
    message = refusal(coordinator, "ke-hoach.doc", without_word_header(saved["doc"]))
    assert message.startswith("Không chuyển được “ke-hoach.doc” sang .docx: tệp bị hỏng")


@pytest.mark.slow
def test_a_conversion_past_its_time_is_refused_saying_so(
    coordinator: User, saved: dict[str, bytes], storage: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "MAX_CONVERT_SECONDS", 0.5)
    message = refusal(coordinator, "ke-hoach.rtf", saved["rtf"])
    assert message.startswith("Không chuyển được “ke-hoach.rtf” sang .docx trong 0,5 giây")

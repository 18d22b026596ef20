"""A .doc plan is converted once: the draft keeps the .docx LibreOffice made of it at staging,
and the "tasks from paragraphs" page reads that (it works with LibreOffice gone); a draft
staged before the .docx was kept is converted again. Conversions at once are bounded per
machine: one that waited its time for a slot is refused in Vietnamese, nothing kept."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.ingest.builders import build_docx, convert_all
from tests.reporting.test_uploads import stored_files
from tests.workspace.test_browser_preview import PROSE_PLAN
from theodoi.plans.correcting import offered_paragraphs
from theodoi.plans.importing import conversion_slots
from theodoi.plans.models import ImportDraft

# A paragraph of PROSE_PLAN's tasks part, which the page offers as a task.
OFFERED = "Các chi bộ tổ chức sinh hoạt chuyên đề về chuyển đổi số"


@pytest.fixture(scope="module")
def word_97(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The commune's programme (its tasks paragraphs of prose) saved as a Word 97-2003 file."""
    folder = tmp_path_factory.mktemp("prose")
    text = folder / "chuong-trinh.txt"
    text.write_text(PROSE_PLAN, encoding="utf-8")
    [older] = convert_all([build_docx(text, folder / "chuong-trinh.docx")], folder, "doc")
    return older.read_bytes()


@pytest.fixture
def desk(client: Client, coordinator: User, settings: Settings, tmp_path: Path) -> Client:
    (tmp_path / "media").mkdir()
    settings.MEDIA_ROOT = tmp_path / "media"  # "nothing kept" is read over every file in it
    settings.VAR_DIR = tmp_path / "var"  # the slots of this test alone
    client.force_login(coordinator)
    return client


def upload(desk: Client, name: str, data: bytes) -> HttpResponse:
    document = SimpleUploadedFile(name, data)
    return desk.post(reverse("workspace:import_upload"), {"document": document})


def paragraphs_page(desk: Client, draft: ImportDraft) -> HttpResponse:
    return desk.get(reverse("workspace:import_paragraphs", args=[draft.pk]), follow=True)


@pytest.mark.slow
def test_the_paragraphs_page_of_a_doc_reads_the_docx_kept_at_staging(
    desk: Client, word_97: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert upload(desk, "chuong-trinh-xa.doc", word_97).status_code == 302
    draft = ImportDraft.objects.get()
    with draft.source_file.open("rb") as kept:
        assert kept.read() == word_97  # the upload stays what was uploaded
    with draft.converted_file.open("rb") as kept, zipfile.ZipFile(BytesIO(kept.read())) as docx:
        assert "word/document.xml" in docx.namelist()
    monkeypatch.setenv("PATH", "/nonexistent")  # LibreOffice cannot start again
    html = paragraphs_page(desk, draft).content.decode()
    assert OFFERED in html
    assert "Không thấy đoạn văn nào" not in html


@pytest.mark.slow
def test_a_draft_staged_without_a_kept_docx_is_converted_again(
    desk: Client, word_97: bytes
) -> None:
    upload(desk, "chuong-trinh-xa.doc", word_97)
    draft = ImportDraft.objects.get()
    from_kept = offered_paragraphs(draft)
    draft.converted_file.delete(save=True)  # as a draft staged before the .docx was kept
    draft.refresh_from_db()
    assert not draft.converted_file
    assert offered_paragraphs(draft) == from_kept
    assert OFFERED in paragraphs_page(desk, draft).content.decode()


@pytest.mark.slow
def test_a_conversion_with_every_slot_taken_is_refused_after_its_wait(
    desk: Client, word_97: bytes, settings: Settings
) -> None:
    settings.THEODOI_CONVERT_WAIT_SECONDS = 0.5
    slots = conversion_slots()
    assert slots.count == 2  # the default
    before = stored_files()
    with slots.taken("mot.doc"), slots.taken("hai.doc"):
        response = upload(desk, "chuong-trinh-xa.doc", word_97)
    assert response.status_code == 400
    assert (
        "Máy chủ đang bận chuyển đổi các văn bản khác: “chuong-trinh-xa.doc” đã chờ 0,5 giây "
        "mà chưa đến lượt. Hãy thử lại sau ít phút, hoặc tải lên kế hoạch dạng .docx."
    ) in response.content.decode()
    assert not ImportDraft.objects.exists()
    assert stored_files() == before  # nothing half-written
    with slots.taken("mot.doc"):  # one slot free: the upload is converted
        assert upload(desk, "chuong-trinh-xa.doc", word_97).status_code == 302


@pytest.mark.slow
def test_the_paragraphs_page_of_an_old_draft_says_when_the_server_is_busy(
    desk: Client, word_97: bytes, settings: Settings
) -> None:
    upload(desk, "chuong-trinh-xa.doc", word_97)
    draft = ImportDraft.objects.get()
    draft.converted_file.delete(save=True)
    settings.THEODOI_CONVERT_WAIT_SECONDS = 0.2
    slots = conversion_slots()
    with slots.taken("mot.doc"), slots.taken("hai.doc"):
        response = paragraphs_page(desk, draft)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#tasks")  # back to the preview
    assert "Máy chủ đang bận chuyển đổi các văn bản khác" in html

"""Plans kept as Word 97-2003 (.doc), RTF or OpenDocument (.odt) files read as their .docx
does: LibreOffice saves the test's Word file in each format, as an office keeps it, and the
reader converts it back in a bounded process of its own (readers/office.py). Hostile and
broken files are refused with a Vietnamese message naming them, within the bounds."""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from pathlib import Path
from types import ModuleType

import pytest

from tests.ingest.builders import Built
from tests.ingest.fixtures import GOLD, SEED_003, SEED_004, Builder, load_scorer
from tests.ingest.test_unseen_layouts import CASES
from tests.ingest.word97 import renamed_entry, with_macros, without_word_header
from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.cli import main
from theodoi.ingest.errors import (
    ConversionFailed,
    ConversionTimedOut,
    ConverterUnavailable,
    UnreadableInput,
)
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.readers import office, read_file
from theodoi.ingest.readers.bounds import MAX_CONVERT_BYTES
from theodoi.ingest.readers.ole import directory, has_macros, is_word_document

WITHIN = 0.03
LABEL = re.compile(r"^[a-zđ]\) ")
# Seeds and cases whose Word files hold merged cells, narrow columns and Word's numbering.
PARITY: dict[Built, list[Path]] = {
    "doc": [
        SEED_003,
        SEED_004,
        CASES / "bo-khcn-ke-hoach.txt",
        CASES / "bo-phu-luc-la-ma-trach-nhiem.txt",
    ],
    "rtf": [SEED_003, CASES / "bo-khcn-ke-hoach.txt"],
    "odt": [SEED_003, CASES / "bo-khcn-ke-hoach.txt"],
}


def gold_of(text: Path) -> dict[str, object]:
    beside = text.with_suffix(".json")
    path = beside if beside.exists() else GOLD / f"{text.stem}.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def score() -> ModuleType:
    return load_scorer()


@pytest.fixture(scope="module")
def word_97(built: Builder) -> bytes:
    """Seed 004 saved by LibreOffice as a Word 97-2003 file."""
    return built(SEED_004, "doc").read_bytes()


@pytest.fixture(scope="module")
def saved(built: Builder) -> dict[Built, dict[Path, Path]]:
    """The parity documents in each older format, all of a format saved in one LibreOffice
    run."""
    return {
        fmt: dict(zip(documents, built.many(documents, fmt), strict=True))
        for fmt, documents in PARITY.items()
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fmt", "document"),
    [(fmt, document) for fmt, documents in PARITY.items() for document in documents],
    ids=lambda value: value if isinstance(value, str) else value.stem,
)
def test_an_older_format_scores_as_its_docx(
    score: ModuleType,
    built: Builder,
    saved: dict[Built, dict[Path, Path]],
    fmt: Built,
    document: Path,
) -> None:
    word, older = built(document, "docx"), saved[fmt][document]
    gold = gold_of(document)
    from_docx = extract_file(word)
    from_older = extract_file(older)
    scores = {
        path.suffix: score.score(gold, plan.to_dict())["overall"]
        for path, plan in ((word, from_docx), (older, from_older))
    }
    assert abs(scores[".docx"] - scores[f".{fmt}"]) <= WITHIN, scores
    assert from_older.tasks, "no task read"


@pytest.mark.slow
def test_a_doc_reads_into_the_blocks_of_its_docx_under_its_own_name(
    built: Builder, tmp_path: Path
) -> None:
    older = tmp_path / "ke-hoach-cu.doc"
    older.write_bytes(built(SEED_003, "doc").read_bytes())
    source = read_file(older)
    assert source.name == "ke-hoach-cu.doc"
    word = read_file(built(SEED_003, "docx"))

    def unlabelled(blocks: list[object]) -> list[str]:
        # LibreOffice's Word 97 filter restarts a letter list that bullets interrupt (its own
        # printout of the .doc shows "a)" where the .docx's shows "b)"): labels aside, the
        # paragraphs are the same.
        return [LABEL.sub("", b.text) for b in blocks if isinstance(b, Paragraph)]

    assert unlabelled(source.blocks) == unlabelled(word.blocks)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_conversion_leaves_no_file_behind(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tam"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(word_97)
    assert read_file(path).blocks
    assert list(scratch.iterdir()) == []


@pytest.mark.slow
def test_two_conversions_at_once_each_have_their_own_profile(
    word_97: bytes, tmp_path: Path
) -> None:
    paths = [tmp_path / f"ke-hoach-{n}.doc" for n in range(2)]
    for path in paths:
        path.write_bytes(word_97)
    results: dict[Path, object] = {}

    def read(path: Path) -> None:
        try:
            results[path] = len(read_file(path).blocks)
        except UnreadableInput as err:
            results[path] = err

    threads = [threading.Thread(target=read, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = list(results.values())
    assert all(isinstance(count, int) and count > 50 for count in counts), counts
    assert counts[0] == counts[1]


# --- hostile and broken files ------------------------------------------------------------------


def refused(path: Path, error: type[UnreadableInput], *expected: str) -> str:
    with pytest.raises(error) as err:
        extract_file(path)
    message = str(err.value)
    assert path.name in message
    for words in expected:
        assert words in message, message
    assert main([str(path)]) == 2  # the command line says the same, without a traceback
    return message


def test_the_directory_of_a_libreoffice_doc_is_read(word_97: bytes) -> None:
    entries = directory(word_97)
    assert is_word_document(entries)
    assert not has_macros(entries)


def test_a_truncated_doc_is_refused_as_broken_before_libreoffice_opens_it(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # were LibreOffice run, it would be missing
    path = tmp_path / "cat-ngang.doc"
    path.write_bytes(word_97[: len(word_97) // 2])
    refused(path, UnreadableInput, "bị hỏng", ".doc")


def test_ole_magic_then_garbage_is_refused_as_broken(tmp_path: Path) -> None:
    path = tmp_path / "rac.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(20_000))
    refused(path, UnreadableInput, "bị hỏng")


def test_garbage_named_doc_is_refused_as_not_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "rac.doc"
    path.write_bytes(os.urandom(20_000) + b"\x00" * 64)
    refused(path, UnreadableInput, "nhị phân", ".doc")


def test_a_doc_with_vba_macros_is_refused(word_97: bytes, tmp_path: Path) -> None:
    path = tmp_path / "co-macro.doc"
    path.write_bytes(with_macros(word_97))
    assert has_macros(directory(path.read_bytes()))
    refused(path, UnreadableInput, "macro")


def test_an_ole_file_that_is_not_word_is_refused(word_97: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bang-tinh.doc"
    path.write_bytes(renamed_entry(word_97, "WordDocument", "Workbook"))
    refused(path, UnreadableInput, "không phải tài liệu Word")


def test_a_huge_doc_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.doc"
    with path.open("wb") as handle:
        handle.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        handle.truncate(MAX_CONVERT_BYTES + 1)  # sparse: nothing is really written
    refused(path, UnreadableInput, "20 MB")


def test_without_libreoffice_the_message_says_what_to_install(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "ke-hoach.rtf"
    path.write_bytes(b"{\\rtf1\\ansi K\\'e1 ho\\'e1ch}")
    refused(path, ConverterUnavailable, "LibreOffice", office.INSTALL_HINT)


@pytest.mark.slow
def test_a_doc_libreoffice_cannot_convert_is_refused_as_broken(
    word_97: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "rong.doc"
    path.write_bytes(without_word_header(word_97))
    assert is_word_document(directory(path.read_bytes()))
    refused(path, ConversionFailed, "bị hỏng", ".docx")


def no_converter_left(folder: Path) -> bool:
    """No process runs with a profile under ``folder`` (this test's own: conversions of other
    tests, or of the server, may run beside it)."""
    mark = str(folder).encode()
    for proc in Path("/proc").iterdir():
        try:
            line = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"theodoi-convert-" in line and mark in line:
            return False
    return True


@pytest.mark.slow
def test_a_conversion_past_its_time_is_killed_with_its_children(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "MAX_CONVERT_SECONDS", 0.3)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = tmp_path / "cham.doc"
    path.write_bytes(word_97)
    with pytest.raises(ConversionTimedOut) as err:
        read_file(path)
    assert "cham.doc" in str(err.value)
    assert "quá" in str(err.value)
    assert no_converter_left(tmp_path)


@pytest.mark.slow
def test_libreoffice_runs_within_its_memory_bound(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Far too little for LibreOffice to start: the bound is on the converting process.
    monkeypatch.setattr(office, "MAX_CONVERT_MEMORY_BYTES", 64 * 1024 * 1024)
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(word_97)
    with pytest.raises(ConversionFailed):
        read_file(path)


@pytest.mark.slow
def test_libreoffice_writes_no_file_past_its_bound(
    word_97: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under a 16 KB bound on any file it writes, LibreOffice is stopped (SIGXFSZ) at its
    # first larger write: its profile's files, or the .docx of some 50 KB.
    monkeypatch.setattr(office, "MAX_CONVERT_OUTPUT_BYTES", 16 * 1024)
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(word_97)
    with pytest.raises(ConversionFailed):
        read_file(path)

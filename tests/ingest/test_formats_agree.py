"""The same plan as text, as Word with real tables and as PDF extracts to the same tasks and
indicators (issue 2's bar). The Word and PDF files are printed from the text at test time."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.fixtures import NQ_03, SEED_003, SEED_004, Builder, Format
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.plan import Plan

pytestmark = pytest.mark.slow

DOCUMENTS = [SEED_003, SEED_004, NQ_03]


def words(text: str | None) -> str:
    # A PDF does not say whether a line broke at a space or inside a long token
    # (``109/2022/N`` + ``Đ-CP``, ``hội,Than`` + ``h tra``), so texts are compared by their
    # letters and digits, and agency lists as a whole (a word cut in two hides a separator).
    return re.sub(r"\W+", "", text or "").lower()


def tasks(plan: Plan) -> list[tuple[Any, ...]]:
    return [
        (t.code, t.group, words(t.title), words("".join(t.lead)),
         words("".join(t.cooperating)), t.due.kind, t.due.start_year, t.due.end_year,
         words(t.expected_output))
        for t in plan.tasks
    ]  # fmt: skip


def indicators(plan: Plan) -> list[tuple[Any, ...]]:
    return [
        (i.code, words(i.name), i.unit, i.target.op, i.target.value, i.target.value_max, i.year)
        for i in plan.indicators
    ]


_plans: dict[tuple[Path, str], Plan] = {}


def extracted(built: Builder, source: Path, fmt: Format) -> Plan:
    if (source, fmt) not in _plans:
        _plans[(source, fmt)] = extract_file(built(source, fmt))
    return _plans[(source, fmt)]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem[:9])
def test_word_and_pdf_give_the_tasks_of_the_text(built: Builder, source: Path, fmt: Format) -> None:
    from_text = extracted(built, source, "txt")
    assert len(from_text.tasks) > 40
    assert tasks(extracted(built, source, fmt)) == tasks(from_text)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem[:9])
def test_word_and_pdf_give_the_indicators_of_the_text(
    built: Builder, source: Path, fmt: Format
) -> None:
    from_text = extracted(built, source, "txt")
    assert from_text.indicators
    assert indicators(extracted(built, source, fmt)) == indicators(from_text)


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.stem[:9])
def test_word_and_pdf_give_the_document_of_the_text(built: Builder, source: Path) -> None:
    from_text = extracted(built, source, "txt").document
    for fmt in ("docx", "pdf"):
        document = extracted(built, source, fmt).document
        assert (document.number, document.kind, document.issued_on, document.signer) == (
            from_text.number, from_text.kind, from_text.issued_on, from_text.signer
        )  # fmt: skip
        assert sorted(document.implements) == sorted(from_text.implements)

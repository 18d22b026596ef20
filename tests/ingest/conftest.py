"""Plan documents in other formats, built once per test session (see builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.builders import build_docx, build_pdf
from tests.ingest.fixtures import Builder, Format


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """``built(source_txt, "docx" | "pdf" | "txt")``: the document in that format."""
    folder = tmp_path_factory.mktemp("built-plans")
    cache: dict[tuple[Path, str], Path] = {}

    def get(source: Path, fmt: Format) -> Path:
        if fmt == "txt":
            return source
        key = (source, fmt)
        if key not in cache:
            docx_path = cache.get((source, "docx")) or build_docx(
                source, folder / f"{source.stem}.docx"
            )
            cache[(source, "docx")] = docx_path
            if fmt == "pdf":
                cache[key] = build_pdf(docx_path, folder)
        return cache[key]

    return get

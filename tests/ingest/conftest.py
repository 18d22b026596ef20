"""Plan documents in other formats, built once per test run (builders.BuiltDocuments)."""

from __future__ import annotations

import pytest

from tests.ingest.builders import BuiltDocuments


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltDocuments:
    """``built(source_txt, "docx" | "pdf" | "txt")``: the document in that format."""
    run = tmp_path_factory.getbasetemp()
    # pytest-xdist gives each worker a folder of its own inside the run's.
    shared = run.parent if worker_id != "master" else run
    return BuiltDocuments(shared / "built-plans")

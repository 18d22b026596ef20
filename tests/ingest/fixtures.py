"""Where the documents of the tests are, and the type of the ``built`` fixture (conftest.py),
which makes a seed's text into a Word or PDF file at test time (builders.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Literal

from tests.ingest.builders import BuiltDocuments

# The shared folder sits next to the repository, as on every engineer's machine and in CI.
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
REFERENCE = SHARED / "reference"
GOLD = SHARED / "extraction" / "gold"
SEED_003 = SEEDS / "003_de113db257313a93.txt"
SEED_004 = SEEDS / "004_aea82470e0b2daef.txt"
NQ_03 = REFERENCE / "nq-03-nq-cp-2025.txt"

Format = Literal["txt", "docx", "pdf"]
Builder = BuiltDocuments


def load_scorer() -> ModuleType:
    """The shared scorer (extraction/score.py), a script of the standard library only."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "extraction" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

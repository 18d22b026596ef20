"""The fuzz bar of issue 10 for the document readers: Hypothesis draws random bytes and mutated
seed plans as .txt, .docx, .pdf and .html (reader_fuzz.py) in a process of its own under a
memory limit; every input ends in a reading or the documented refusal, none takes 10 s, and the
whole run stays under 500 MB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 1000
MAX_MB = 500


@pytest.mark.slow
def test_the_readers_survive_random_and_mutated_documents() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.ingest.reader_fuzz", str(EXAMPLES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-6000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["examples"] == EXAMPLES
    assert figures["peak_mb"] < MAX_MB, figures

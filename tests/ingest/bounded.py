"""Run ``theodoi extract`` on a file in a process of its own, under a memory limit and a
timeout, so that a document that runs away (as hostile ones did before the readers were
bounded) fails its test instead of taking the test machine down."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_BYTES = 1024 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
_EXTRACT = "import sys; from theodoi.ingest.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass
class Run:
    code: int
    stderr: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def extract_bounded(path: Path) -> Run:
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", _EXTRACT, str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    return Run(run.returncode, run.stderr, time.monotonic() - started)

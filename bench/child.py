"""A measurement run in a process of its own (its own settings, database and memory), whose
figures are the JSON it prints on its last line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def figures_of(command: list[str], env: dict[str, str], *, what: str, timeout: float) -> Any:
    """The figures ``command`` prints last; exits with the end of its errors, naming ``what``,
    when it fails."""
    run = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if run.returncode != 0:
        sys.exit(f"{what} failed:\n{run.stderr[-4000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])

"""Benchmark of a hostile workbook upload (issue 10, item 2): the round's real workbook whose
task sheet is given ROWS filled rows, read by the workbook reader in a process of its own;
prints the file's size, the reader's time, its peak memory and what it answered.

    .venv/bin/python bench/workbook.py [--rows 1000000] [--src PATH]

``--src`` reads with another checkout's ``src`` (the code before a change, say
``git archive main src | tar -x -C /tmp/before``) to compare. The issue measured 147 s and
4.85 GB for 1,000,000 rows before the reader was bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_READ = """
import json, sys, time
from tests.reporting.test_workbook import CUT_OFF, INDICATORS, KEY, SECRET, STATUSES, TASKS
from theodoi.reporting.workbook.reading import read_workbook
from tests.reporting.workbook_fuzz import peak_mb
data = open(sys.argv[1], "rb").read()
started = time.monotonic()
reading = read_workbook(
    data, KEY, TASKS, INDICATORS, statuses=STATUSES, cut_off=CUT_OFF, secret=SECRET
)
print(json.dumps({
    "seconds": round(time.monotonic() - started, 2),
    "peak_mb": peak_mb(),
    "errors": len(reading.errors),
    "first": str(reading.errors[0]) if reading.errors else "",
}))
"""


def hostile_rows(rows: int) -> Iterator[bytes]:
    """Rows as a reporter's program would write them: an id, a version, a status, a figure."""
    for r in range(2, rows + 2):
        yield (
            f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>0</v></c>'
            f'<c r="H{r}" t="inlineStr"><is><t>Tạm dừng</t></is></c>'
            f'<c r="I{r}"><v>{r % 100}</v></c></row>'
        ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--src", type=Path, help="read with this src folder's theodoi")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.reporting.hostile import TASK_PART, sheet, with_parts
    from tests.reporting.test_workbook import make

    header = (
        b'<row r="1">'
        + b"".join(
            f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'.encode()
            for c, h in zip("ABHI", ("ID", "Phiên bản", "Trạng thái", "Tiến độ (%)"), strict=True)
        )
        + b"</row>"
    )
    data = with_parts(
        make(),
        {TASK_PART: sheet(chain([header], hostile_rows(args.rows)), f"A1:N{args.rows + 1}")},
    )
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        file.write(data)
        file.flush()
        env = dict(os.environ)
        if args.src:
            env["PYTHONPATH"] = str(args.src.resolve())
        run = subprocess.run(
            [sys.executable, "-c", _READ, file.name],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if run.returncode != 0:
        print(f"rows {args.rows:,}; file {len(data) / 1e6:.1f} MB; the reader raised:")
        print(run.stderr.strip().splitlines()[-1])
        return
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(
        f"rows {args.rows:,}; file {len(data) / 1e6:.1f} MB; {figures['seconds']} s; "
        f"peak {figures['peak_mb']} MB; {figures['errors']} error(s): {figures['first'][:160]}"
    )


if __name__ == "__main__":
    main()

"""The round's workbook opened by a real office program (LibreOffice Calc): text that looks
like a formula shows as that text, and a copy Calc saved again reads back unchanged."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reporting.test_workbook import FORMULA_LIKE, make, read
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.workbook.layout import TaskLine

pytestmark = pytest.mark.slow
SUMS = [
    TaskLine(
        104, "PL3.1", "=1+1", "Chủ trì", "", "", 0, UpdateContent("paused", 30, results="=2*3")
    )
]


def calc(source: Path, target: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice Calc to ``target`` ("csv", "xlsx") in ``folder``."""
    out = folder / target
    out.mkdir()
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            {"csv": "csv:Text - txt - csv (StarCalc):44,34,76", "xlsx": "xlsx"}[target],
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.{target}"


def test_calc_shows_formula_like_text_as_text_and_saves_it_back_unchanged(
    tmp_path: Path,
) -> None:
    source = tmp_path / "bao-cao.xlsx"
    source.write_bytes(make(FORMULA_LIKE + SUMS))
    shown = calc(source, "csv", tmp_path).read_text(encoding="utf-8")
    assert '"=1+1"' in shown or ",=1+1," in shown
    assert "=2*3" in shown
    assert "=Quyết định 123/QĐ-UBND" in shown
    # Nothing was calculated: no 2 for "=1+1", no 6 for "=2*3".
    assert ",2," not in shown
    assert ",6," not in shown

    saved = calc(source, "xlsx", tmp_path).read_bytes()
    reading = read(saved, tasks=FORMULA_LIKE + SUMS)
    assert (reading.tasks, reading.errors) == ([], [])

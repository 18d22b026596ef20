"""Real plan documents in the formats the import wizard takes, built from the seeds at test time."""

from __future__ import annotations

import subprocess
from pathlib import Path

SEEDS = Path("/work/shared/seeds")
SEED_004 = SEEDS / "004_aea82470e0b2daef.txt"


def seed_docx(source_txt: Path, out: Path) -> Path:
    """The seed as a Word document, through the readers' builder when it is there."""
    try:
        from tests.ingest.builders import build_docx
    except ImportError:
        import docx

        document = docx.Document()
        for line in source_txt.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document.add_paragraph(line.strip())
        document.save(str(out))
        return out
    build_docx(source_txt, out)
    return out


def seed_pdf(source_txt: Path, out_dir: Path) -> Path:
    """The seed printed to PDF by LibreOffice, as a scanned-free office PDF is."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(source_txt)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out_dir / (source_txt.stem + ".pdf")

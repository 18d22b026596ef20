"""Every reader under Hypothesis, run by test_reader_fuzz.py in a process of its own with its
address space limited, so that a runaway cannot take the test machine down: random bytes, and
seed plans as .txt, .docx, .pdf and .html with their bytes (or the Word document's XML) mutated.
Each input must end in a SourceText or the documented refusal (UnreadableInput) within
``SECONDS`` of processor time (``cpu_seconds``); anything else raised fails.

Prints one JSON line: examples run, the slowest reading in seconds, peak memory in MB."""

from __future__ import annotations

import io
import json
import re
import resource
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.builders import raw_pdf
from tests.ingest.fixtures import SEED_004
from tests.mutations import cpu_seconds, mutated
from theodoi.ingest.blocks import SourceText
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file

SECONDS = 10.0
MEMORY_MB = 500
FOLDER = Path(tempfile.mkdtemp(prefix="reader-fuzz-"))


def _vm_kb(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]


def _docx_seed() -> bytes:
    document = docx.Document()
    for line in SEED_004.read_text(encoding="utf-8").splitlines()[:40]:
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Nhiệm vụ {r}.{c}"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 1).merge(table.cell(3, 3))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


TEXT = SEED_004.read_bytes()[:6000]
DOCX = _docx_seed()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _seed:
    PARTS = {member.filename: _seed.read(member) for member in _seed.infolist()}
PDF = raw_pdf([b"BT /F1 12 Tf 72 720 Td (Ke hoach trien khai Nghi quyet 57) Tj ET"] * 2)
HTML = (
    "<html><head><meta charset='utf-8'></head><body><h1>Kế hoạch</h1><p>Triển khai</p>"
    "<table><tr><th colspan='2'>Nhiệm vụ</th><th>Thời gian</th></tr>"
    "<tr><td rowspan='2'>1</td><td>Xây dựng</td><td>2025</td></tr>"
    "<tr><td>Hoàn thiện</td><td>2026</td></tr></table></body></html>"
).encode()


@st.composite
def mutated_word_part(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in PARTS.items():
            archive.writestr(part, draw(mutated(data)) if part == name else data)
    return out.getvalue()


SUFFIXES = st.sampled_from([".txt", ".docx", ".pdf", ".html"])
inputs = st.tuples(
    st.one_of(
        st.binary(max_size=4096),
        mutated(TEXT),
        mutated(DOCX),
        mutated_word_part(),
        mutated(PDF),
        mutated(HTML),
    ),
    SUFFIXES,
)

slowest = 0.0
examples = 0


@settings(
    max_examples=int(sys.argv[1]) if __name__ == "__main__" and len(sys.argv) > 1 else 100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(inputs)
def test_every_input_is_read_or_refused(drawn: tuple[bytes, str]) -> None:
    global slowest, examples
    data, suffix = drawn
    path = FOLDER / f"ke-hoach{suffix}"
    path.write_bytes(data)
    started = cpu_seconds()
    refusal = ""
    try:
        source: SourceText | None = read_file(path)
    except UnreadableInput as err:
        source, refusal = None, str(err)
    if source is None:
        assert path.name in refusal, refusal  # the refusal names the file it refuses
    else:
        assert source.blocks
    took = cpu_seconds() - started
    assert took < SECONDS, f"{took:.1f} s for {len(data)} bytes"
    slowest, examples = max(slowest, took), examples + 1


if __name__ == "__main__":
    # The address space may grow by the bar's memory and no more: past it, MemoryError.
    limit = (_vm_kb("VmSize") + MEMORY_MB * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    test_every_input_is_read_or_refused()
    print(
        json.dumps(
            {"examples": examples, "slowest": round(slowest, 3), "peak_mb": _vm_kb("VmHWM") // 1024}
        )
    )

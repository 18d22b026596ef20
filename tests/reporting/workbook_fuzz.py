"""The workbook reader under Hypothesis, run by test_workbook_fuzz.py in a process of its own
so that its peak memory is measured alone: random bytes, and the round's real workbook (made by
its own writer) with a part or its bytes mutated. Every input must end in a reading (changes
or errors, the documented refusals among them) within ``SECONDS`` of processor time
(``cpu_seconds``); anything raised fails.

Prints one JSON line: examples run, the slowest reading in seconds, peak memory in MB."""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mutations import cpu_seconds, mutated
from tests.reporting.office_files import plain_zip
from tests.reporting.test_workbook import (
    CUT_OFF,
    INDICATORS,
    KEY,
    SECRET,
    STATUSES,
    TASKS,
    make,
)
from theodoi.reporting.workbook.reading import Reading, read_workbook

SECONDS = 10.0
SEED = make()
with zipfile.ZipFile(io.BytesIO(SEED)) as _seed:
    PARTS = {member.filename: _seed.read(member) for member in _seed.infolist()}


def peak_mb() -> int:
    """This process's peak resident memory in MB. Not getrusage's figure: Linux keeps across
    exec the peak of the process that forked it (a pytest worker), which is no measure of
    this one."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) // 1024  # type: ignore[union-attr]


slowest = 0.0
examples = 0


@st.composite
def mutated_part(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(PARTS)))
    return plain_zip({**PARTS, name: draw(mutated(PARTS[name]))})


inputs = st.one_of(
    st.binary(max_size=4096),
    st.binary(max_size=4096).map(lambda tail: b"PK\x03\x04" + tail),
    mutated(SEED),
    mutated_part(),
)


@settings(
    max_examples=int(sys.argv[1]) if __name__ == "__main__" and len(sys.argv) > 1 else 150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(inputs)
def test_every_input_ends_in_a_reading(data: bytes) -> None:
    global slowest, examples
    started = cpu_seconds()
    reading = read_workbook(
        data, KEY, TASKS, INDICATORS, statuses=STATUSES, cut_off=CUT_OFF, secret=SECRET
    )
    took = cpu_seconds() - started
    assert isinstance(reading, Reading)
    assert all(str(error) for error in reading.errors)
    assert took < SECONDS, f"{took:.1f} s for {len(data)} bytes"
    slowest, examples = max(slowest, took), examples + 1


if __name__ == "__main__":
    test_every_input_ends_in_a_reading()
    print(json.dumps({"examples": examples, "slowest": round(slowest, 3), "peak_mb": peak_mb()}))

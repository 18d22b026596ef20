"""At most N LibreOffice conversions at once on a machine: the slots are file locks that every
process sharing the directory counts, a conversion waits a bounded time for one and is then
refused in Vietnamese, and a slot held by a process that died is free again."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import theodoi
from tests.ingest.fixtures import SEED_004, Builder
from theodoi.ingest.errors import ConversionBusy
from theodoi.ingest.readers import office, read_file
from theodoi.ingest.readers.slots import ConversionSlots

# Takes every slot of the directory in a process of its own, says so, and holds them until
# its standard input closes (or it is killed).
HOLDER = """
import contextlib, sys
from pathlib import Path
from theodoi.ingest.readers.slots import ConversionSlots
slots = ConversionSlots(Path(sys.argv[1]), count=int(sys.argv[2]), wait_seconds=0)
with contextlib.ExitStack() as stack:
    for _ in range(slots.count):
        stack.enter_context(slots.taken("giu-cho"))
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding both slots of ``tmp_path / "slots"``."""
    source = str(Path(theodoi.__file__).parents[1])  # this theodoi, whichever is installed
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "slots"), "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": source},
    ) as process:  # its pipes closed and itself reaped at the end
        assert process.stdout is not None
        assert process.stdout.readline() == "held\n"
        yield process
        process.kill()


def test_the_third_conversion_waits_then_is_refused_saying_the_server_is_busy(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    slots = ConversionSlots(tmp_path / "slots", count=2, wait_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(ConversionBusy) as busy, slots.taken("ke-hoach.doc"):
        pass
    assert time.monotonic() - started >= 0.5  # it waited for a slot before refusing
    assert str(busy.value) == (
        "Máy chủ đang bận chuyển đổi các tệp khác (đã chờ 0,5 giây mà chưa đến lượt tệp "
        "ke-hoach.doc). Hãy thử lại sau ít phút, hoặc tải lên bản .docx của văn bản."
    )
    assert busy.value.seconds == 0.5


def test_a_slot_held_by_a_process_that_died_is_free_again(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    slots = ConversionSlots(tmp_path / "slots", count=2, wait_seconds=0)
    with pytest.raises(ConversionBusy), slots.taken("ke-hoach.doc"):
        pass
    holder.kill()
    holder.wait()
    with slots.taken("ke-hoach.doc"), slots.taken("ke-hoach-2.doc"):
        pass  # both came free with their holder


def test_slots_are_counted_within_one_process_too(tmp_path: Path) -> None:
    slots = ConversionSlots(tmp_path / "slots", count=1, wait_seconds=0.1)
    with slots.taken("mot.doc"), pytest.raises(ConversionBusy), slots.taken("hai.doc"):
        pass
    with slots.taken("hai.doc"):
        pass  # given back at the end of the block


def test_libreoffice_is_not_started_without_a_slot(
    built: Builder, tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(built(SEED_004, "doc").read_bytes())
    slots = ConversionSlots(tmp_path / "slots", count=2, wait_seconds=0.2)
    with pytest.raises(ConversionBusy):
        read_file(path, slots=slots)
    out = tmp_path / "ra.docx"
    with pytest.raises(ConversionBusy):
        office.convert_to_docx(path, "doc", out, slots=slots)
    assert not out.exists()


@pytest.mark.slow
def test_a_conversion_gives_its_slot_back(built: Builder, tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(built(SEED_004, "doc").read_bytes())
    slots = ConversionSlots(tmp_path / "slots", count=1, wait_seconds=0)
    assert len(read_file(path, slots=slots).blocks) > 50
    with slots.taken("ke-hoach.doc"):
        pass

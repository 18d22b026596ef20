"""What the fuzz tests share: a real file edited a few times, and the clock their time bound
reads."""

from __future__ import annotations

import os

from hypothesis import strategies as st


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few edits: bytes flipped, a slice cut out, bytes put in, a slice
    repeated (which grows rows, cells, spans and nesting), or the whole cut short."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        edit = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if edit == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif edit == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif edit == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
        elif edit == "repeat":
            piece = data[at : at + draw(st.integers(1, 300))]
            data = data[:at] + piece * draw(st.integers(2, 2000)) + data[at:]
        else:
            data = data[:at]
    return data


def cpu_seconds() -> float:
    """Processor time of this process and of the children it waited for (OCR runs tesseract).
    A reading's bound is on its work: the wall clock of a machine shared with other test
    workers measured their load instead."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system

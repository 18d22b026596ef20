"""How many LibreOffice conversions run at once on one machine.

Each conversion (office.py) takes some 210 MB and a core for seconds; five server workers
converting at once would take a gigabyte. A conversion first takes one of ``count`` slots:
an exclusive ``flock`` on one of ``count`` files in ``directory``, shared by every process
of the machine that uses the same directory. The kernel lets the lock go when its file is
closed or its process dies, so a killed worker leaves no slot taken. Past ``wait_seconds``
with every slot taken, the conversion is refused (:class:`ConversionBusy`), not queued
behind a server that is already full.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from theodoi.ingest.errors import ConversionBusy

_POLL_SECONDS = 0.05


def _seconds(seconds: float) -> str:
    return f"{seconds:g}".replace(".", ",")  # Vietnamese writes 0,5


@dataclass(frozen=True)
class ConversionSlots:
    """``count`` conversions at once among the processes locking files in ``directory``."""

    directory: Path
    count: int = 2
    wait_seconds: float = 30.0

    def _try_each(self) -> int | None:
        """An open descriptor holding one free slot, or None when every slot is taken."""
        for number in range(self.count):
            handle = os.open(
                self.directory / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600
            )
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            except BaseException:
                os.close(handle)
                raise
            return handle
        return None

    @contextlib.contextmanager
    def taken(self, name: str) -> Iterator[None]:
        """Hold a slot for the block; :class:`ConversionBusy` naming ``name`` when none came
        free within ``wait_seconds``."""
        if self.count < 1:
            raise ValueError("a conversion needs at least one slot")
        self.directory.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait_seconds
        while (handle := self._try_each()) is None:
            if time.monotonic() >= deadline:
                raise ConversionBusy(
                    f"Máy chủ đang bận chuyển đổi các tệp khác (đã chờ "
                    f"{_seconds(self.wait_seconds)} giây mà chưa đến lượt tệp {name}). "
                    "Hãy thử lại sau ít phút, hoặc tải lên bản .docx của văn bản.",
                    self.wait_seconds,
                )
            time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            os.close(handle)  # lets the lock go

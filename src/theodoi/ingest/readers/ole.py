"""The directory of an OLE2 compound file (Word 97-2003 ``.doc``), read from the bytes with
no library: which streams and storages it holds, enough to tell a Word document from another
OLE file and to find the VBA project that carries its macros, before LibreOffice opens it.

Every step is bounded by the file itself: a sector past the end, a chain that loops or a FAT
bigger than the file is a damaged (or crafted) file, :class:`CompoundFileError`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER = 512
_DIFAT_IN_HEADER = 109
_MAX_REGULAR = 0xFFFFFFFA
_END_OF_CHAIN = 0xFFFFFFFE
_ENTRY = 128
_STORAGE, _STREAM, _ROOT = 1, 2, 5
# The parts Word keeps a document's VBA project in (a "Macros" storage holding "VBA" with its
# "_VBA_PROJECT" stream); Excel's and PowerPoint's names, for an OLE file of theirs renamed.
_MACRO_PARTS = frozenset({"macros", "vba", "_vba_project", "_vba_project_cur", "vba_project"})


class CompoundFileError(ValueError):
    """The bytes are not a whole OLE2 compound file."""


@dataclass(frozen=True)
class Entry:
    name: str
    is_storage: bool


def _u32s(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4])


class _Sectors:
    """The file's sectors, each checked to be inside it."""

    def __init__(self, data: bytes) -> None:
        if len(data) < _HEADER or not data.startswith(MAGIC):
            raise CompoundFileError("not an OLE2 header")
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise CompoundFileError(f"sector shift {shift}")
        self.data, self.size = data, 1 << shift
        # The header fills sector -1 (512 or 4096 bytes); some writers cut the last one short.
        self.count = max(0, -(-(len(data) - self.size) // self.size))

    def __getitem__(self, number: int) -> bytes:
        if number >= self.count:
            raise CompoundFileError(f"sector {number} past the end ({self.count})")
        start = (number + 1) * self.size
        return self.data[start : start + self.size].ljust(self.size, b"\0")


def _fat(sectors: _Sectors) -> bytes:
    """The file allocation table: the header lists its first 109 sectors, a chain of DIFAT
    sectors the rest."""
    data = sectors.data
    fat_count = struct.unpack_from("<I", data, 0x2C)[0]
    following, difat_count = struct.unpack_from("<II", data, 0x44)
    if fat_count > sectors.count or difat_count > sectors.count:
        raise CompoundFileError("FAT larger than the file")
    fat_sectors = list(_u32s(data[0x4C:_HEADER]))[: min(fat_count, _DIFAT_IN_HEADER)]
    for _ in range(difat_count):
        if len(fat_sectors) >= fat_count or following > _MAX_REGULAR:
            break
        *listed, following = _u32s(sectors[following])
        fat_sectors += listed[: fat_count - len(fat_sectors)]
    if len(fat_sectors) < fat_count:
        raise CompoundFileError("DIFAT chain ends early")
    return b"".join(sectors[number] for number in fat_sectors)


def _entries(block: bytes) -> list[Entry]:
    found = []
    for offset in range(0, len(block), _ENTRY):
        raw = block[offset : offset + _ENTRY]
        if raw[66] not in (_STORAGE, _STREAM, _ROOT):
            continue  # an unused slot
        length = min(struct.unpack_from("<H", raw, 64)[0], 64)
        name = raw[: max(0, length - 2)].decode("utf-16-le", "replace")
        found.append(Entry(name, raw[66] in (_STORAGE, _ROOT)))
    return found


def directory(data: bytes) -> list[Entry]:
    """The streams and storages named in the file's directory, in directory order."""
    sectors = _Sectors(data)
    fat = _fat(sectors)
    entries: list[Entry] = []
    current = struct.unpack_from("<I", data, 0x30)[0]
    visited: set[int] = set()
    while current != _END_OF_CHAIN:
        if current > _MAX_REGULAR or current in visited or current * 4 + 4 > len(fat):
            raise CompoundFileError(f"directory chain broken at sector {current}")
        visited.add(current)
        entries += _entries(sectors[current])
        current = struct.unpack_from("<I", fat, current * 4)[0]
    if not entries or entries[0].name.lower() != "root entry":
        raise CompoundFileError("no root entry")
    return entries


def is_word_document(entries: list[Entry]) -> bool:
    return any(e.name == "WordDocument" and not e.is_storage for e in entries)


def has_macros(entries: list[Entry]) -> bool:
    """Whether the file carries a VBA project (macros)."""
    return any(e.name.lower() in _MACRO_PARTS for e in entries)

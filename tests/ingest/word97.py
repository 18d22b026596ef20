"""Word 97-2003 files made hostile or broken from a real one (a .doc LibreOffice saved), by
changing bytes of its directory or of its streams in place."""

from __future__ import annotations

import struct

SECTOR = 512  # LibreOffice writes version 3 compound files


def entry_name(name: str) -> bytes:
    """A directory entry's name as a compound file holds it: 64 bytes of UTF-16 and its
    length in bytes, the terminator counted."""
    return (name + "\0").encode("utf-16-le").ljust(64, b"\0") + struct.pack(
        "<H", 2 * (len(name) + 1)
    )


def renamed_entry(data: bytes, old: str, new: str) -> bytes:
    """The compound file with one directory entry renamed, in place."""
    assert data.count(entry_name(old)) == 1
    return data.replace(entry_name(old), entry_name(new))


def with_macros(data: bytes) -> bytes:
    """The file naming a VBA project: Word keeps one in a storage named "Macros"."""
    return renamed_entry(data, "\x01Ole", "Macros")


def without_word_header(data: bytes) -> bytes:
    """The directory whole, the WordDocument stream's first sectors (its header, the FIB)
    zeroed: a Word file LibreOffice cannot open."""
    out = bytearray(data)
    entry = out.index(entry_name("WordDocument"))
    start = struct.unpack_from("<I", out, entry + 116)[0]  # the stream's first sector
    out[(start + 1) * SECTOR : (start + 9) * SECTOR] = bytes(8 * SECTOR)
    return bytes(out)

"""Which reader a file needs, decided from its first bytes, never from its name: a Word file
saved as ``.txt`` or a PDF renamed ``.docx`` must still be read, or refused, correctly."""

from __future__ import annotations

import codecs
import re
from typing import Literal

import filetype

Format = Literal["pdf", "zip", "html", "text", "doc", "rtf", "binary"]

HEAD_SIZE = 8192

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_HTML_INSIDE = re.compile(rb"<(?:html|body|table|div|p)\b[^>]*>", re.I)


def _utf16_to_utf8(head: bytes) -> bytes:
    codec = "utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    usable = len(head) - (len(head) % 2)
    return head[2:usable].decode(codec, errors="ignore").encode("utf-8")


def sniff(head: bytes) -> Format:
    """The format of a file from its first bytes (``HEAD_SIZE`` is enough)."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    text_head = head
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text_head = _utf16_to_utf8(head)
    elif head.startswith(codecs.BOM_UTF8):
        text_head = head[3:]
    if _HTML_START.match(text_head) or (
        _HTML_INSIDE.search(text_head) and b"</" in text_head and text_head.lstrip()[:1] == b"<"
    ):
        return "html"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "text"
    if b"\x00" in head or filetype.guess(head) is not None:
        return "binary"
    return "text"


def describe_binary(head: bytes) -> str:
    """What a binary file seems to be, in Vietnamese, for the refusal message."""
    kind = filetype.guess(head)
    if kind is None:
        return "tệp nhị phân không rõ loại"
    if kind.mime.startswith("image/"):
        return f"tệp ảnh {kind.extension.upper()}"
    return f"tệp {kind.extension.upper()} ({kind.mime})"

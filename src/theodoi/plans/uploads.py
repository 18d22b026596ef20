"""Checks on an uploaded plan file before anything is read or stored: its size, and that its
content is what its name says (a ``.docx`` that is really a PDF is refused, not guessed at)."""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _

from theodoi.ingest.readers.detect import sniff

# Suffix -> the formats its content may sniff as (HTML saved as .txt reads as text, and the
# other way round, so the two text formats accept each other).
ACCEPTED = {
    ".docx": {"zip"},
    ".pdf": {"pdf"},
    ".txt": {"text", "html"},
    ".html": {"html", "text"},
    ".htm": {"html", "text"},
    ".json": {"text"},
}
_FORMAT_NAMES = {
    "zip": "Word (.docx)",
    "pdf": "PDF",
    "html": "HTML",
    "text": "văn bản thuần",
    "doc": "Word cũ (.doc)",
    "rtf": "RTF",
    "binary": "nhị phân",
}


def upload_problem(filename: str, size: int, head: bytes, max_bytes: int) -> str | None:
    """Why this upload cannot be accepted, in Vietnamese; None when it can."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ACCEPTED:
        return _("The file “%(name)s” is not a .docx, .pdf, .txt or .html document.") % {
            "name": filename
        }
    if size == 0:
        return _("The file “%(name)s” is empty.") % {"name": filename}
    if size > max_bytes:
        return _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.") % {
            "name": filename,
            "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
            "limit": max_bytes // 1024 // 1024,
        }
    found = sniff(head)
    if found not in ACCEPTED[suffix]:
        return _(
            "The file “%(name)s” is named %(suffix)s but its content is %(found)s. "
            "Upload the document under its real type."
        ) % {"name": filename, "suffix": suffix, "found": _FORMAT_NAMES.get(found, found)}
    return None

"""What a plan upload may be: a Word file (.docx; or .doc, .rtf and .odt, which LibreOffice
converts), a PDF, or text (plain, HTML, Plan JSON). The check itself is every upload's
(``theodoi.files.uploads.check_upload``): its size, that its content is what its name says (a
``.docx`` that is really a PDF is refused, not guessed at), no zip bomb, no macros, no hostile
name."""

from __future__ import annotations

from theodoi.files.uploads import DOC, DOCX, ODT, PDF, RTF, TEXT

PLAN_KINDS = (DOCX, DOC, RTF, ODT, PDF, TEXT)
ACCEPTED = tuple(suffix for kind in PLAN_KINDS for suffix in kind.suffixes)

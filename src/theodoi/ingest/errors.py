"""Errors of the ingest pipeline. Messages are Vietnamese: they reach the person who uploaded."""


class UnreadableInput(Exception):  # noqa: N818 - the name is the ingest interface, kept
    """The file cannot be read as a document (exit code 2 of ``theodoi extract``)."""


class ScannedDocument(UnreadableInput):
    """A PDF of page images with no text layer: readable only with OCR. The message speaks to
    whoever runs the command line; a page of the platform says what an official can do."""


class OcrUnavailable(UnreadableInput):
    """OCR was asked for but is not installed on this machine (the message says what to
    install, for IT staff)."""

"""Errors of the ingest pipeline. Messages are Vietnamese: they reach the person who uploaded."""


class UnreadableInput(Exception):  # noqa: N818 - the name is the ingest interface, kept
    """The file cannot be read as a document (exit code 2 of ``theodoi extract``)."""

"""Errors of the ingest pipeline. Messages are Vietnamese: they reach the person who uploaded."""


class UnreadableInput(Exception):
    """The file cannot be read as a document (exit code 2 of ``theodoi extract``)."""

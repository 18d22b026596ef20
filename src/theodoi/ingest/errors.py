"""Errors of the ingest pipeline. Messages are Vietnamese: they reach the person who uploaded."""


class UnreadableInput(Exception):  # noqa: N818 - the name is the ingest interface, kept
    """The file cannot be read as a document (exit code 2 of ``theodoi extract``)."""


class ScannedDocument(UnreadableInput):
    """A PDF of page images with no text layer: readable only with OCR. The message speaks to
    whoever runs the command line; a page of the platform says what an official can do."""


class OcrUnavailable(UnreadableInput):
    """OCR was asked for but is not installed on this machine (the message says what to
    install, for IT staff)."""


class ConverterUnavailable(UnreadableInput):
    """A .doc, .rtf or .odt needs LibreOffice to be read, and it is not installed on this
    machine (the message says what to install, for IT staff)."""


class ConversionFailed(UnreadableInput):
    """LibreOffice could not convert a .doc, .rtf or .odt to .docx: the file is damaged, or
    not what its first bytes claim."""


class ConversionTimedOut(ConversionFailed):
    """LibreOffice did not finish converting the file within its time bound, ``seconds``."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class ConversionBusy(UnreadableInput):
    """Every slot for a LibreOffice conversion on this machine stayed taken for ``seconds``
    (readers/slots.py): the file is not unreadable, the server is busy; try again later."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds

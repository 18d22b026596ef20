from collections.abc import Sequence


class ReportingError(Exception):
    """A write to rounds, updates, figures or evidence refused; the message is for the person
    who asked."""


class StaleVersionError(ReportingError):
    """Someone saved the same update since this person started editing it; ``current`` is
    what they saved, to be shown instead of being overwritten."""

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current


class ConfirmationNeededError(ReportingError):
    """A figure far from the last one: saved only once the reporter confirms it."""


def refuse(problems: Sequence[str]) -> None:
    """Every problem a check found, in one ReportingError; nothing when there is none."""
    if problems:
        raise ReportingError(" ".join(problems))

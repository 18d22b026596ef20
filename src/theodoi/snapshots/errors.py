class SnapshotError(Exception):
    """A snapshot or a publication of results refused; the message is for the person who asked."""

class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, in Vietnamese."""

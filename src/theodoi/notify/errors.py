class NotifyError(Exception):
    """A change to notices or their settings refused; the message is for the person who asked."""

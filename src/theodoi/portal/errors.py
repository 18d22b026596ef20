class FeedbackError(Exception):
    """Feedback refused; the message is for the person who sent it."""

class DirectiveError(Exception):
    """A directive or its answer refused; the message names what is wrong, for the person."""

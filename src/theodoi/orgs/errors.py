class OrganisationError(Exception):
    """A write to the organisations refused; the message is for the person who asked."""

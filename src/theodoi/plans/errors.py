class PlanError(Exception):
    """An import or a change to a plan refused; the message is for the person who asked."""

"""The one error of the evaluation rules. Messages are Vietnamese: a page may show them."""


class EvaluationInputError(ValueError):
    """Facts handed to a rule contradict themselves (a month 13, a completion with no date)."""

"""Database constraints that several models declare alike."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q


def one_of(
    field: str, values: Iterable[str], *, name: str, blank: bool = False
) -> models.CheckConstraint:
    """The column holds one of its declared choices: the database's guarantee behind the
    form's choice list (STYLE.md rule 5), so a value written around the form is refused too."""
    condition = Q(**{f"{field}__in": list(values)})
    if blank:
        condition = Q(**{field: ""}) | condition
    return models.CheckConstraint(condition=condition, name=name)

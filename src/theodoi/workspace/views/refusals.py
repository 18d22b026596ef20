"""A valid form's write, with the service's refusal shown on the form: the one shape every
workspace form that calls a service shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms

Written = TypeVar("Written")


def saved(
    form: forms.BaseForm,
    write: Callable[[], Written],
    refusals: type[Exception] | tuple[type[Exception], ...],
) -> Written | None:
    """What ``write`` returned once ``form`` is valid; None when it is not, or when the service
    refused (its message is then on the form, above its fields)."""
    if not form.is_valid():
        return None
    try:
        return write()
    except refusals as refused:
        form.add_error(None, str(refused))
        return None

"""A service's write from a page, with its refusal shown as it is worded: on the form, when the
page is shown again (``saved``), or as the next page's message, when the POST is answered with
a redirect (``told``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

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


def told(
    request: HttpRequest,
    write: Callable[[], object],
    refusals: type[Exception] | tuple[type[Exception], ...],
    done: str,
) -> bool:
    """Whether ``write`` went through; the next page says ``done``, or the service's refusal."""
    try:
        write()
    except refusals as refused:
        messages.error(request, str(refused))
        return False
    messages.success(request, done)
    return True

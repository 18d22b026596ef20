"""Every refusal as a problem-details body (RFC 9457), its words in Vietnamese: ``title``
says what kind of refusal, ``detail`` the reason, ``errors`` each field and its message, the
same messages the form shows."""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

MEDIA_TYPE = "application/problem+json"
# The form's name for an error about the whole form.
WHOLE = "__all__"


class Refused(exceptions.APIException):
    """A write refused by the form's checks or by the service; ``errors`` is (field, message)
    pairs, the field None for the whole request."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    default_detail = "refused"

    def __init__(self, errors: list[tuple[str | None, str]], *, status_code: int = 400) -> None:
        super().__init__(" ".join(message for _field, message in errors))
        self.errors = errors
        self.status_code = status_code


def refused_by(form: Form, *, prefix: str = "") -> Refused:
    """The form's errors, field by field, named as the API names them."""
    errors: list[tuple[str | None, str]] = []
    for name, messages in form.errors.items():
        field = None if name == WHOLE else name.removeprefix(prefix)
        errors.extend((field, str(message)) for message in messages)
    return Refused(errors)


REFUSED = gettext_lazy("The request was refused")
TITLES = {
    400: REFUSED,
    401: gettext_lazy("Sign-in needed"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    409: gettext_lazy("Conflict with a newer version"),
    415: gettext_lazy("Unsupported media type"),
    429: gettext_lazy("Too many requests"),
}


def _detail_text(detail: Any) -> str:
    if isinstance(detail, dict):
        return " ".join(_detail_text(value) for value in detail.values())
    if isinstance(detail, list):
        return " ".join(_detail_text(value) for value in detail)
    return str(detail)


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(code, REFUSED)),
        "status": code,
        "detail": _detail_text(response.data),
    }
    if isinstance(exc, Refused):
        body["errors"] = [{"field": field, "message": message} for field, message in exc.errors]
    elif isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        body["errors"] = [
            {"field": field, "message": _detail_text(messages)}
            for field, messages in exc.detail.items()
        ]
    response.data = body
    response.content_type = MEDIA_TYPE
    return response

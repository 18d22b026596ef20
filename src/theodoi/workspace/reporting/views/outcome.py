"""Where a coordinator's action on a round lands: the round's review page, with the service's
refusal or the action's success as the message."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound


def back_to_review(
    request: HttpRequest, round_: ReportingRound, write: Callable[[], object], done: str
) -> HttpResponse:
    """Do ``write``; a refusal is shown as it is worded, else ``done``."""
    try:
        write()
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("reporting:review", round_id=round_.pk)

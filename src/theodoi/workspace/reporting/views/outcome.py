"""Where a coordinator's action on a round lands: the round's review page, with the service's
refusal or the action's success as the message."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound
from theodoi.workspace.views.refusals import told


def back_to_review(
    request: HttpRequest, round_: ReportingRound, write: Callable[[], object], done: str
) -> HttpResponse:
    told(request, write, ReportingError, done)
    return redirect("reporting:review", round_id=round_.pk)

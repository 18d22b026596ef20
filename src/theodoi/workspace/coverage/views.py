"""The coverage page: for each task of 03/NQ-CP expected of provinces or ministries, which of
them have a task confirmed as carrying it out, and its status; those nobody has taken up first
(issue 12, "Coverage"). A province's staff read their province's uptake; the nation, every
province's and ministry's."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.reporting.access import note_confidential_reads, visible_plans
from theodoi.reporting.national import NATIONAL_NUMBER, national_plan
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.coverage.reading import carriers_for, read_coverage
from theodoi.workspace.views.gates import reader_required

# The longest value of the province filter read: an id has a few digits.
MAX_PARAM = 12


@reader_required
def coverage_page(request: AuthenticatedRequest) -> HttpResponse:
    national = national_plan()
    if national is not None and not visible_plans(request.user).filter(pk=national.pk).exists():
        national = None
    carriers = carriers_for(request.user)
    problems: list[str] = []
    chosen = None
    raw = request.GET.get("tinh", "").strip()[: MAX_PARAM + 1]
    if raw:
        chosen = next((c for c in carriers if c.key == raw), None)
        if chosen is None:
            problems.append(
                _("Province or ministry: “%(value)s” is not one you may choose.")
                % {"value": raw[:MAX_PARAM]}
            )
    shown = [chosen] if chosen is not None else carriers
    page = (
        read_coverage(request.user, national, shown, as_of=timezone.localdate())
        if national is not None
        else None
    )
    if page is not None:
        shown_tasks = [taken.task for line in page.lines for taken in line.taken]
        note_confidential_reads(request.user, shown_tasks)
    return render(
        request,
        "coverage/coverage.html",
        {
            "national": national,
            "national_number": NATIONAL_NUMBER,
            "carriers": carriers,
            "chosen": chosen,
            "problems": problems,
            "page": page,
        },
    )

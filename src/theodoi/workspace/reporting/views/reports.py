"""An agency's page for a round: its tasks and figures, one task's update form, saving a
figure. Views convert and show; theodoi.reporting decides."""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.evaluation.wording import vn_number
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Task
from theodoi.reporting.access import (
    accepts_reports_from,
    get_organisation_for,
    get_round_and_task_for,
    get_round_for,
    reports_on,
)
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import IndicatorValue, ReportingRound, ReviewState
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.worklist import (
    IndicatorItem,
    TaskItem,
    agency_indicators,
    agency_task,
    agency_tasks,
)
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.reporting.forms import EvidenceForm, FigureForm, TaskUpdateForm
from theodoi.workspace.views.gates import staff_required


def _figure_initial(
    latest: IndicatorValue | None, default_date: datetime.date | None
) -> dict[str, Any]:
    return {
        # As the reporter types it: 1.234.567,5, never 1,23457e+06.
        "value": "" if latest is None else vn_number(latest.value, 6),
        "measured_on": latest.measured_on if latest else default_date,
        "source": latest.source if latest else "",
        "note": latest.note if latest else "",
        "based_on": latest.version if latest else 0,
    }


def _figure_forms(
    round_: ReportingRound, item: IndicatorItem
) -> dict[str, tuple[bool, dict[str, Any]]]:
    """The figure forms an indicator has on the agency page, by prefix: its figure of the
    round (``i``) and its baseline (``b``), each with whether it is the baseline and its
    initial values."""
    return {
        f"i{item.indicator.pk}": (False, _figure_initial(item.latest, round_.cut_off)),
        f"b{item.indicator.pk}": (True, _figure_initial(item.baseline, None)),
    }


def _agency_page(
    request: AuthenticatedRequest,
    round_: ReportingRound,
    organisation: Organisation,
    bound: dict[str, FigureForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    tasks = agency_tasks(round_, organisation)
    indicators = agency_indicators(round_, organisation)
    for item in indicators:
        forms = {
            prefix: (bound or {}).get(prefix) or FigureForm(initial=initial, prefix=prefix)
            for prefix, (_baseline, initial) in _figure_forms(round_, item).items()
        }
        item.form = forms[f"i{item.indicator.pk}"]  # type: ignore[attr-defined]
        item.baseline_form = forms[f"b{item.indicator.pk}"]  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/agency_tasks.html",
        {
            "round": round_,
            "organisation": organisation,
            "tasks": tasks,
            "indicators": indicators,
            "accepting": accepts_reports_from(round_, organisation, timezone.now()),
        },
        status=status,
    )


@staff_required
def agency_page(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user)
    return _agency_page(request, get_round_for(request.user, round_id), organisation)


def _task_form_initial(item: TaskItem) -> dict[str, Any]:
    initial: dict[str, Any] = {"based_on": item.version, "status": "not_started", "progress": 0}
    if item.latest is not None:
        initial.update(item.latest.data())
        initial["completed_on"] = item.latest.completed_on
        initial["based_on"] = item.latest.version
    return initial


def _attach_chosen(
    request: AuthenticatedRequest, round_: ReportingRound, task: Task, evidence_form: EvidenceForm
) -> None:
    """Attach the file chosen in the task's form, whichever button sent it; a refusal is
    put on the file field, so the page shows it beside what the reporter typed."""
    if not evidence_form.is_valid():
        return
    chosen = evidence_form.cleaned_data["file"]
    if chosen is None:
        if request.POST.get("action") == "attach":
            evidence_form.add_error("file", _("Choose the file to attach."))
        return
    try:
        attach_evidence(round_, task, chosen, by=request.user, now=timezone.now())
    except ReportingError as refused:
        evidence_form.add_error("file", str(refused))
    else:
        messages.success(
            request, _("The evidence file “%(name)s” was attached.") % {"name": chosen.name}
        )


class _Kept(NamedTuple):
    """A task form sent back to the reporter: what was typed, with why it was not saved."""

    form: TaskUpdateForm
    evidence_form: EvidenceForm
    conflict: object  # the version that got in first (StaleVersionError.current)


def _save_task_form(
    request: AuthenticatedRequest,
    round_: ReportingRound,
    organisation: Organisation,
    task: Task,
) -> HttpResponse | _Kept:
    """Attach the chosen file and save or submit what was typed: a redirect when it went in,
    else the forms to show again."""
    action = request.POST.get("action")
    # The task's line (latest version, evidence, deadline) is read only for a page shown: a
    # save that goes in answers a redirect, and the service reads the latest version itself.
    # Attaching compares what was typed with the latest version.
    shown = agency_task(round_, organisation, task) if action == "attach" else None
    form = TaskUpdateForm(request.POST, initial=_task_form_initial(shown) if shown else None)
    evidence_form = EvidenceForm(request.POST, request.FILES)
    _attach_chosen(request, round_, task, evidence_form)
    conflict = None
    # Attaching saves what was typed only when it changed; a refused file saves nothing.
    writes = evidence_form.is_valid() and (action != "attach" or form.has_changed())
    if writes and form.is_valid():
        write = submit_update if action == "submit" else save_draft
        try:
            write(
                round_,
                task,
                form.content(),
                by=request.user,
                based_on=form.cleaned_data["based_on"],
                now=timezone.now(),
            )
        except StaleVersionError as refused:
            conflict = refused.current
            form.add_error(None, str(refused))
        except ReportingError as refused:
            form.add_error(None, str(refused))
        else:
            if write is submit_update:
                messages.success(request, _("Task %(code)s was submitted.") % {"code": task.code})
            else:
                messages.success(request, _("Draft of task %(code)s saved.") % {"code": task.code})
            if action != "attach":
                return redirect("reporting:agency", round_id=round_.pk)
    if evidence_form.is_valid() and not form.errors and action == "attach":
        return redirect("reporting:task_update", round_id=round_.pk, task_id=task.pk)
    return _Kept(form, evidence_form, conflict)


@staff_required
def task_update(request: AuthenticatedRequest, round_id: int, task_id: int) -> HttpResponse:
    """One task's report: the update and its evidence in one form, so that attaching a file
    keeps what was typed (it is saved as a draft) and a file chosen before "Submit" goes in."""
    organisation = get_organisation_for(request.user)
    round_, task = get_round_and_task_for(request.user, round_id, task_id, write=True)
    if not reports_on(round_, organisation, task):
        raise Http404
    kept = None
    if request.method == "POST":
        saved = _save_task_form(request, round_, organisation, task)
        if isinstance(saved, HttpResponse):
            return saved
        kept = saved
    # The page, or the page again with what was typed and the files attached meanwhile.
    item = agency_task(round_, organisation, task)
    if item is None:  # the task left the agency's list since the lookups above
        raise Http404
    latest = item.latest
    editable = (latest is None or latest.state in {ReviewState.DRAFT, ReviewState.RETURNED}) and (
        accepts_reports_from(round_, organisation, timezone.now())
    )
    return render(
        request,
        "reporting/task_update.html",
        {
            "round": round_,
            "item": item,
            "task": task,
            "latest": latest,
            "form": kept.form if kept else TaskUpdateForm(initial=_task_form_initial(item)),
            "conflict": kept.conflict if kept else None,
            "editable": editable,
            "evidence_form": kept.evidence_form if kept else EvidenceForm(),
        },
        status=409 if kept and kept.conflict is not None else 200,
    )


def _record_figure(
    request: AuthenticatedRequest,
    round_: ReportingRound,
    item: IndicatorItem,
    form: FigureForm,
    baseline: bool,
    submit: bool,
) -> bool:
    """Record a valid figure form; a refusal is put on the form, which is then not saved."""
    try:
        record_indicator_value(
            round_,
            item.indicator,
            **form.figure(),
            baseline=baseline,
            submit=submit,
            by=request.user,
            now=timezone.now(),
        )
    except ConfirmationNeededError as doubt:
        form.needs_confirmation = True  # type: ignore[attr-defined]
        form.add_error(None, str(doubt))
    except ReportingError as refused:
        form.add_error(None, str(refused))
    else:
        return True
    return False


@staff_required
@require_POST
def figures_save(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    """Every figure of the agency page is one form: the button pressed submits (or saves) its
    figure, and every other figure the reporter changed is saved as a draft, so nothing typed
    elsewhere on the page is lost. Forms left as they were shown are not touched."""
    organisation = get_organisation_for(request.user)
    round_ = get_round_for(request.user, round_id)
    verb, _sep, pressed = request.POST.get("action", "").partition(":")
    bound: dict[str, FigureForm] = {}
    saved = []
    for item in agency_indicators(round_, organisation):
        for prefix, (baseline, initial) in _figure_forms(round_, item).items():
            if f"{prefix}-based_on" not in request.POST:
                continue  # not on the page the reporter sent
            form = FigureForm(request.POST, prefix=prefix, initial=initial)
            submit = verb == "submit" and pressed == prefix
            if not submit and not form.has_changed():
                continue
            if form.is_valid() and _record_figure(request, round_, item, form, baseline, submit):
                saved.append(item.indicator.code)
            if form.errors:
                bound[prefix] = form
    if saved:
        messages.success(
            request,
            _("Figures saved: indicators %(codes)s.") % {"codes": ", ".join(dict.fromkeys(saved))},
        )
    if bound:
        return _agency_page(request, round_, organisation, bound, status=400)
    if not saved:
        messages.info(request, _("No figure was changed; nothing was saved."))
    anchor = f"#indicator-{pressed[1:]}" if pressed[1:].isdigit() else ""
    return redirect(reverse("reporting:agency", kwargs={"round_id": round_.pk}) + anchor)

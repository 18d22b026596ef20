"""Reporting pages: rounds, an agency's tasks and figures, its workbook, evidence, and the
coordinator's review queue. Views convert and show; theodoi.reporting.services decides."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import get_plan_for, get_task_for, visible_plans
from theodoi.plans.models import Indicator, Plan, PlanStatus
from theodoi.reporting.access import accepts_reports_from
from theodoi.reporting.agency_workbook import download_workbook, preview_workbook
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    TaskUpdate,
)
from theodoi.reporting.review import accept_update, bulk_accept, return_update
from theodoi.reporting.rounds import close_round, open_round, reopen_round_for
from theodoi.reporting.schedule import propose_round
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.workbook_upload import apply_workbook
from theodoi.reporting.worklist import agency_indicators, agency_tasks, review_queue
from theodoi.workspace.reporting.forms import (
    EvidenceForm,
    FigureForm,
    OpenRoundForm,
    ReopenForm,
    ReturnForm,
    TaskUpdateForm,
    WorkbookUploadForm,
    start_of,
)
from theodoi.workspace.views.gates import staff_required

REPORT_KINDS: dict[str, type[TaskUpdate] | type[IndicatorValue]] = {
    "nhiem-vu": TaskUpdate,
    "chi-tieu": IndicatorValue,
}


def _is_coordinator(request: HttpRequest) -> bool:
    return persona_of(request.user).role in {Role.ADMIN, Role.COORDINATOR}


def _require_coordinator(request: HttpRequest) -> None:
    if not _is_coordinator(request):
        raise PermissionDenied


def _reporter_organisation(request: HttpRequest) -> Organisation:
    persona = persona_of(request.user)
    if persona.role != Role.REPORTER or persona.organisation is None:
        raise PermissionDenied
    return persona.organisation


def _round_for(request: HttpRequest, round_id: int) -> ReportingRound:
    """The round, if its plan is one the person may see (else 404)."""
    round_ = (
        ReportingRound.objects.filter(pk=round_id, plan__in=visible_plans(request.user))
        .select_related("plan")
        .first()
    )
    if round_ is None:
        raise Http404
    return round_


# --- rounds ----------------------------------------------------------------------------------


@staff_required
def round_list(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).filter(status=PlanStatus.PUBLISHED)
    rounds = ReportingRound.objects.filter(plan__in=plans).select_related("plan")
    return render(
        request,
        "reporting/round_list.html",
        {
            "rounds": rounds,
            "plans": plans.select_related("reporting_schedule") if _is_coordinator(request) else [],
            "is_coordinator": _is_coordinator(request),
            "is_reporter": persona_of(request.user).role == Role.REPORTER,
            "now": timezone.now(),
        },
    )


@staff_required
def round_open(request: HttpRequest, plan_id: int) -> HttpResponse:
    _require_coordinator(request)
    plan: Plan = get_plan_for(request.user, plan_id)
    now = timezone.now()
    if request.method == "POST":
        form = OpenRoundForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = open_round(
                    plan,
                    title=data["title"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    cut_off=data["cut_off"],
                    deadline=start_of(data["deadline"]),
                    reminder_days=data["reminder_days"],
                    by=request.user,
                    now=now,
                )
            except ReportingError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The round “%(round)s” is open.") % {"round": round_})
                return redirect("reporting:review", round_id=round_.pk)
    else:
        schedule = getattr(plan, "reporting_schedule", None)
        initial: dict[str, Any] = {"reminder_days": "7, 3, 1"}
        if schedule is not None:
            proposed = propose_round(
                schedule.as_schedule(), today=timezone.localdate(now), anchor=plan.issued_on
            )
            initial.update(
                title=_("Report due before %(date)s")
                % {"date": proposed.deadline.strftime("%d/%m/%Y")},
                period_start=proposed.period_start,
                period_end=proposed.period_end,
                cut_off=proposed.cut_off,
                deadline=proposed.deadline,
            )
        form = OpenRoundForm(initial=initial)
    return render(
        request,
        "reporting/round_open.html",
        {"form": form, "plan": plan, "schedule": getattr(plan, "reporting_schedule", None)},
    )


@staff_required
@require_POST
def round_reopen(request: HttpRequest, round_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    form = ReopenForm(request.POST, organisations=_plan_organisations(round_))
    if form.is_valid():
        try:
            reopen_round_for(
                round_,
                form.cleaned_data["organisation"],
                by=request.user,
                until=form.until_moment(),
                now=timezone.now(),
            )
        except ReportingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The round is reopened for %(organisation)s.")
                % {"organisation": form.cleaned_data["organisation"]},
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("reporting:review", round_id=round_.pk)


@staff_required
@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    try:
        close_round(round_, by=request.user, now=timezone.now())
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The round “%(round)s” is closed.") % {"round": round_})
    return redirect("reporting:review", round_id=round_.pk)


def _plan_organisations(round_: ReportingRound) -> Any:
    return Organisation.objects.filter(
        Q(pk__in=round_.plan.tasks.values("agencies__organisation"))
        | Q(pk__in=round_.plan.indicators.values("agencies__organisation"))
    ).order_by("name")


# --- an agency's reports ---------------------------------------------------------------------


def _figure_form(
    latest: IndicatorValue | None, prefix: str, default_date: datetime.date | None
) -> FigureForm:
    return FigureForm(
        initial={
            "value": "" if latest is None else f"{latest.value:g}".replace(".", ","),
            "measured_on": latest.measured_on if latest else default_date,
            "source": latest.source if latest else "",
            "note": latest.note if latest else "",
            "based_on": latest.version if latest else 0,
        },
        prefix=prefix,
    )


def _agency_page(
    request: HttpRequest,
    round_: ReportingRound,
    organisation: Organisation,
    bound: dict[str, FigureForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    tasks = agency_tasks(round_, organisation)
    indicators = agency_indicators(round_, organisation)
    for item in indicators:
        item.form = (bound or {}).get(f"i{item.indicator.pk}") or _figure_form(  # type: ignore[attr-defined]
            item.latest, f"i{item.indicator.pk}", round_.cut_off
        )
        item.baseline_form = (bound or {}).get(f"b{item.indicator.pk}") or _figure_form(  # type: ignore[attr-defined]
            item.baseline, f"b{item.indicator.pk}", None
        )
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
def agency_page(request: HttpRequest, round_id: int) -> HttpResponse:
    organisation = _reporter_organisation(request)
    return _agency_page(request, _round_for(request, round_id), organisation)


@staff_required
def task_update(request: HttpRequest, round_id: int, task_id: int) -> HttpResponse:
    organisation = _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    task = get_task_for(request.user, task_id, write=True)
    if task.plan_id != round_.plan_id:
        raise Http404
    item = next((i for i in agency_tasks(round_, organisation) if i.task.pk == task.pk), None)
    if item is None:
        raise Http404
    latest, conflict = item.latest, None
    if request.method == "POST":
        form = TaskUpdateForm(request.POST)
        if form.is_valid():
            write = submit_update if request.POST.get("action") == "submit" else save_draft
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
                    messages.success(
                        request, _("Task %(code)s was submitted.") % {"code": task.code}
                    )
                else:
                    messages.success(
                        request, _("Draft of task %(code)s saved.") % {"code": task.code}
                    )
                return redirect("reporting:agency", round_id=round_.pk)
    else:
        initial: dict[str, Any] = {"based_on": item.version, "status": "not_started", "progress": 0}
        if latest is not None:
            initial.update(latest.data())
            initial["completed_on"] = latest.completed_on
            initial["based_on"] = latest.version
        form = TaskUpdateForm(initial=initial)
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
            "form": form,
            "conflict": conflict,
            "editable": editable,
            "evidence_form": EvidenceForm(),
        },
        status=409 if conflict is not None else 200,
    )


@staff_required
@require_POST
def figure_save(request: HttpRequest, round_id: int, indicator_id: int) -> HttpResponse:
    organisation = _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    indicator = get_object_or_404(Indicator, pk=indicator_id, plan=round_.plan_id)
    baseline = request.POST.get("baseline") == "1"
    prefix = f"{'b' if baseline else 'i'}{indicator.pk}"
    form = FigureForm(request.POST, prefix=prefix)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_indicator_value(
                round_,
                indicator,
                value=data["value"],
                measured_on=data["measured_on"],
                note=data["note"],
                source=data["source"],
                confirmed=data["confirmed"],
                baseline=baseline,
                submit=request.POST.get("action") == "submit",
                by=request.user,
                based_on=data["based_on"],
                now=timezone.now(),
            )
        except ConfirmationNeededError as doubt:
            form.needs_confirmation = True  # type: ignore[attr-defined]
            form.add_error(None, str(doubt))
        except ReportingError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, _("Figure of indicator %(code)s saved.") % {"code": indicator.code}
            )
            return redirect("reporting:agency", round_id=round_.pk)
    return _agency_page(request, round_, organisation, {prefix: form}, status=400)


@staff_required
@require_POST
def evidence_attach(request: HttpRequest, round_id: int, task_id: int) -> HttpResponse:
    _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    task = get_task_for(request.user, task_id, write=True)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attach_evidence(
                round_, task, form.cleaned_data["file"], by=request.user, now=timezone.now()
            )
        except ReportingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The evidence file was attached."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("reporting:task_update", round_id=round_.pk, task_id=task.pk)


@staff_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    # Served only to those who may see the task; the file has no public address.
    get_task_for(request.user, evidence.task_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.filename,
        content_type=evidence.content_type,
    )


# --- the workbook ----------------------------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def workbook_download(request: HttpRequest, round_id: int) -> HttpResponse:
    organisation = _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    response = HttpResponse(download_workbook(round_, organisation), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-ky-{round_.pk}.xlsx"'
    return response


def _stored_upload(round_: ReportingRound, organisation: Organisation, token: str) -> str:
    if len(token) != 64 or not all(c in "0123456789abcdef" for c in token):
        raise Http404
    return f"workbooks/{round_.pk}/{organisation.pk}/{token}.xlsx"


@staff_required
def workbook_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """Upload, then a preview of every change and every error; nothing is stored until the
    reporter confirms a preview without errors."""
    organisation = _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    reading, token = None, ""
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["workbook"].read()
        token = hashlib.sha256(data).hexdigest()
        reading = preview_workbook(round_, organisation, data, today=timezone.localdate())
        if not reading.errors:
            path = _stored_upload(round_, organisation, token)
            # Only the agency's latest previewed workbook is kept for it to confirm.
            folder = path.rsplit("/", 1)[0]
            if default_storage.exists(folder):
                for name in default_storage.listdir(folder)[1]:
                    default_storage.delete(f"{folder}/{name}")
            default_storage.save(path, ContentFile(data))
    return render(
        request,
        "reporting/workbook_upload.html",
        {"round": round_, "form": form, "reading": reading, "token": token},
        status=400 if reading is not None and reading.errors else 200,
    )


@staff_required
@require_POST
def workbook_apply(request: HttpRequest, round_id: int) -> HttpResponse:
    organisation = _reporter_organisation(request)
    round_ = _round_for(request, round_id)
    path = _stored_upload(round_, organisation, request.POST.get("token", ""))
    if not default_storage.exists(path):
        messages.error(request, _("The uploaded workbook has expired; upload it again."))
        return redirect("reporting:workbook_upload", round_id=round_.pk)
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    reading = preview_workbook(round_, organisation, data, today=timezone.localdate())
    try:
        count = apply_workbook(
            round_,
            reading,
            submit=request.POST.get("submit") == "1",
            by=request.user,
            now=timezone.now(),
        )
    except ReportingError as refused:
        messages.error(request, str(refused))
        return redirect("reporting:workbook_upload", round_id=round_.pk)
    finally:
        default_storage.delete(path)
    messages.success(
        request, _("%(count)s reports were saved from the workbook.") % {"count": count}
    )
    return redirect("reporting:agency", round_id=round_.pk)


# --- review ----------------------------------------------------------------------------------


@staff_required
def review(request: HttpRequest, round_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    updates, values = review_queue(round_)
    # Completion counts only with evidence (DESIGN.md): the reviewer sees the files.
    evidence: dict[tuple[int, int], list[Evidence]] = {}
    for item in Evidence.objects.filter(round=round_):
        evidence.setdefault((item.task_id, item.organisation_id), []).append(item)
    updates = list(updates)
    for update in updates:
        update.evidence_files = evidence.get((update.task_id, update.organisation_id), [])  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/review.html",
        {
            "round": round_,
            "updates": updates,
            "values": values,
            "reopen_form": ReopenForm(organisations=_plan_organisations(round_)),
            "reopenings": round_.reopenings.select_related("organisation"),
            "now": timezone.now(),
        },
    )


def _report(round_: ReportingRound, kind: str, report_id: int) -> TaskUpdate | IndicatorValue:
    model = REPORT_KINDS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=report_id, round=round_)


@staff_required
@require_POST
def review_accept(request: HttpRequest, round_id: int, kind: str, report_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    try:
        accept_update(_report(round_, kind, report_id), by=request.user, now=timezone.now())
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The report was accepted."))
    return redirect("reporting:review", round_id=round_.pk)


@staff_required
@require_POST
def review_return(request: HttpRequest, round_id: int, kind: str, report_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    report = _report(round_, kind, report_id)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ReportingError(" ".join(form.errors["reason"]))
        return_update(
            report, by=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
        )
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The report was returned to %(organisation)s.")
            % {"organisation": report.organisation},
        )
    return redirect("reporting:review", round_id=round_.pk)


@staff_required
@require_POST
def review_bulk_accept(request: HttpRequest, round_id: int) -> HttpResponse:
    _require_coordinator(request)
    round_ = _round_for(request, round_id)
    chosen = []
    for entry in request.POST.getlist("report"):
        kind, _sep, raw_id = entry.partition(":")
        if not raw_id.isdigit():
            raise Http404
        chosen.append(_report(round_, kind, int(raw_id)))
    if not chosen:
        messages.error(request, _("Tick the reports to accept."))
        return redirect("reporting:review", round_id=round_.pk)
    try:
        accepted = bulk_accept(chosen, by=request.user, now=timezone.now())
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(count)s reports were accepted.") % {"count": len(accepted)})
    return redirect("reporting:review", round_id=round_.pk)

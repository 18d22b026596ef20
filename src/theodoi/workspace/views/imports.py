"""The import wizard: upload -> preview (correct cells, map agencies, see the diff) -> confirm
and publish. Changes to whole rows are in import_rows.

Every step is one call to theodoi.plans.importing; a refusal (PlanError) is shown to the
coordinator as it is, and nothing is stored half-way because the services are atomic.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.search import search
from theodoi.plans.correcting import apply_corrections, map_agency
from theodoi.plans.edits import describe
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import (
    amendments_since_publication,
    diff_plan,
    discard_import,
    publish_import,
    stage_import,
)
from theodoi.plans.models import DraftStatus, ImportDraft
from theodoi.plans.plan_json import live_indicators, live_tasks
from theodoi.reporting.access import get_draft_for, in_scope, persona, staged_drafts
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace import preview as tables
from theodoi.workspace.agencies import agency_choices
from theodoi.workspace.forms import (
    AddRowForm,
    AgencyMappingForm,
    CellForm,
    FillIndicatorsForm,
    PublishForm,
    UploadForm,
    mapping_choices,
)
from theodoi.workspace.views.gates import coordinator_required
from theodoi.workspace.views.refusals import told


@coordinator_required
def upload(request: AuthenticatedRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        try:
            draft = stage_import(form.cleaned_data["document"], by=request.user, now=timezone.now())
        except PlanError as error:
            form.add_error("document", str(error))
        else:
            if in_scope(request.user, draft.province_id):
                return redirect("workspace:import_preview", draft.pk)
            # Read, it turns out to be another province's plan: that province imports it.
            discard_import(draft, by=request.user, now=timezone.now())
            form.add_error("document", _out_of_scope(request.user, draft))
    drafts = staged_drafts(request.user)
    status = 400 if form.errors else 200
    context = {"form": form, "drafts": drafts, "max_bytes": settings.THEODOI_MAX_UPLOAD_BYTES}
    return render(request, "workspace/import_upload.html", context, status=status)


def _out_of_scope(who: User, draft: ImportDraft) -> str:
    # Only a coordinator of a province or ministry has plans outside its scope.
    return _(
        "This document is a plan of %(province)s, outside the plans you work on "
        "(%(scope)s); the coordinating agency of %(province)s imports it."
    ) % {"province": draft.province, "scope": persona(who).scope}


@coordinator_required
def preview(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    if draft.status == DraftStatus.PUBLISHED and draft.published_plan_id:
        return redirect("workspace:plan_detail", draft.published_plan_id)
    if draft.status != DraftStatus.STAGED:
        messages.warning(request, _("This import was discarded; upload the document again."))
        return redirect("workspace:import_upload")
    return render(request, "workspace/import_preview.html", _preview_context(draft))


def _preview_context(draft: ImportDraft) -> dict[str, object]:
    plan_json = draft.plan_json
    choices = mapping_choices(draft.province, as_of=timezone.localdate())
    gaps = tables.indicator_gaps(plan_json)
    context: dict[str, object] = {
        "draft": draft,
        "document_cells": tables.document_cells(plan_json),
        "task_columns": tables.TASK_COLUMNS,
        "indicator_columns": tables.INDICATOR_COLUMNS,
        "task_rows": tables.rows(plan_json, "tasks"),
        "indicator_rows": tables.rows(plan_json, "indicators"),
        "groups": list(tables.group_titles(plan_json).items()),
        "doubt_count": tables.doubt_count(plan_json),
        "warnings": plan_json.get("warnings") or [],
        "is_empty": not (plan_json.get("tasks") or plan_json.get("indicators")),
        "no_tasks": not plan_json.get("tasks"),
        "gaps": gaps,
        "fill_form": FillIndicatorsForm(initial={"year": gaps.period_year}, auto_id="fill-%s"),
        "add_task_form": AddRowForm(initial={"table": "tasks"}, auto_id="add-task-%s"),
        "add_indicator_form": AddRowForm(
            initial={"table": "indicators"}, auto_id="add-indicator-%s"
        ),
        "corrections": [
            (
                record.get("by"),
                datetime.datetime.fromisoformat(record["at"]) if record.get("at") else None,
                describe(record),
            )
            for record in reversed(draft.corrections)
        ],
        "mapping_forms": [
            AgencyMappingForm(initial={"name": name}, choices=choices, auto_id=f"m{i}-%s")
            for i, name in enumerate(draft.unresolved)
        ],
        "diff": None,
    }
    if draft.replaces is not None:
        old_plan = draft.replaces
        context["diff"] = tables.diff_view(
            diff_plan(old_plan, plan_json),
            old_tasks=live_tasks(old_plan),
            old_indicators=live_indicators(old_plan),
            plan_json=plan_json,
        )
    return context


@coordinator_required
@require_http_methods(["GET", "POST"])
def edit_cell(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    """GET: the form for one cell, for browsers without JavaScript. POST: the correction."""
    draft = get_draft_for(request.user, draft_id)
    form = CellForm(request.POST if request.method == "POST" else request.GET)
    if request.method == "GET":
        if draft.status != DraftStatus.STAGED:
            return redirect("workspace:import_preview", draft.pk)
        return _cell_page(request, draft, form)
    if not form.is_valid():
        messages.error(request, _("The correction could not be read; nothing was changed."))
    elif told(
        request,
        lambda: apply_corrections(draft, [form.correction()], by=request.user, now=timezone.now()),
        PlanError,
        _("The correction was saved."),
    ) and request.POST.get("stay"):  # an agency added from the list: add another
        where = {k: form.cleaned_data[k] for k in ("table", "row", "field")}
        query = urlencode({k: "" if v is None else v for k, v in where.items()})
        return redirect(f"{reverse('workspace:import_edit_cell', args=[draft.pk])}?{query}")
    return redirect(_anchor(draft, form))


def _cell_page(request: AuthenticatedRequest, draft: ImportDraft, form: CellForm) -> HttpResponse:
    """The form of one cell. An agency list also offers the organisations matching ``q``,
    each added by one button; a time shows how what is typed will be read."""
    found = None
    if form.is_valid():
        where = form.cleaned_data
        found = tables.find_cell(draft.plan_json, where["table"], where["row"], where["field"])
    if found is None:
        raise Http404
    cell, entry = found
    title = entry.get("title") or entry.get("name")
    typed = form.cleaned_data["value"] if "value" in request.GET else cell.text
    query = request.GET.get("q", "")[:100]
    results = []
    if cell.is_list and query.strip():
        choices = agency_choices(draft.province, as_of=timezone.localdate())
        results = [
            (hit, "\n".join([*cell.lines, hit.choice.name]))
            for hit in search(query, choices)
            if hit.choice.name not in cell.lines
        ]
    context = {
        "draft": draft,
        "cell": cell,
        "context_line": f"{entry.get('code')}. {title}" if title else "",
        "form": CellForm(initial={**form.cleaned_data, "value": typed}),
        "where": {k: form.cleaned_data[k] for k in ("table", "row", "field")},
        "reading": tables.read_typed_time(typed) if cell.field == "due.text" else "",
        "query": query,
        "results": results,
        "removals": [
            (line, "\n".join(other for other in cell.lines if other != line)) for line in cell.lines
        ]
        if cell.is_list
        else [],
        "back": _anchor(draft, form),
    }
    return render(request, "workspace/import_cell.html", context)


def _anchor(draft: ImportDraft, form: CellForm) -> str:
    url = reverse("workspace:import_preview", args=[draft.pk])
    if form.is_valid() and form.cleaned_data["row"] is not None:
        return f"{url}#{form.cleaned_data['table']}-{form.cleaned_data['row']}"
    return url


@coordinator_required
@require_POST
def map_agency_name(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    choices = mapping_choices(draft.province, as_of=timezone.localdate())
    form = AgencyMappingForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            map_agency(
                draft,
                form.cleaned_data["name"],
                form.cleaned_data["organisation"],
                by=request.user,
                now=timezone.now(),
            )
        except (PlanError, OrganisationError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(name)s” is now known as %(organisation)s.") % form.cleaned_data,
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("workspace:import_preview", args=[draft.pk]) + "#agencies")


@coordinator_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    """GET: what publishing will do, and the button that does it. POST from that page
    publishes; any other POST is sent to the page first."""
    draft = get_draft_for(request.user, draft_id)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not (form.is_valid() and form.cleaned_data["confirmed"]):
        if draft.status != DraftStatus.STAGED:
            return redirect("workspace:import_preview", draft.pk)
        return _confirmation_page(request, draft)
    try:
        plan = publish_import(
            draft,
            by=request.user,
            now=timezone.now(),
            confirm_empty=form.cleaned_data.get("confirm_empty", False),
            confirm_amendments=form.cleaned_data.get("confirm_amendments", False),
        )
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("workspace:import_preview", draft.pk)
    messages.success(
        request,
        # The plan's name may be its title, which often begins "Kế hoạch": not repeated.
        _("“%(plan)s” was published (version %(version)s).")
        % {"plan": plan, "version": plan.version},
    )
    return redirect("workspace:plan_detail", plan.pk)


def _confirmation_page(request: AuthenticatedRequest, draft: ImportDraft) -> HttpResponse:
    context = _preview_context(draft)
    context["publish_form"] = PublishForm(initial={"confirmed": True})
    context["amended"] = amendments_since_publication(draft.replaces) if draft.replaces else []
    return render(request, "workspace/import_publish.html", context)


@coordinator_required
@require_POST
def discard(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    write = partial(discard_import, draft, by=request.user, now=timezone.now())
    done = _("The import of “%(name)s” was discarded.") % {"name": draft.filename}
    if not told(request, write, PlanError, done):
        return redirect("workspace:import_preview", draft.pk)
    return redirect("workspace:import_upload")

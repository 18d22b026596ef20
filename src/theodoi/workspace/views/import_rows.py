"""The import preview's changes to whole rows (add, delete, split, merge, move, tasks from
paragraphs, indicators filled in, the latest correction taken back) and the two small
look-ups its script makes (agencies by name, how a time is read). Each change is one call to
plans.correcting; without JavaScript every one is a plain form."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from theodoi.orgs.search import search
from theodoi.plans.correcting import apply_corrections, offered_paragraphs, undo_correction
from theodoi.plans.edits import Edit
from theodoi.plans.errors import PlanError
from theodoi.plans.models import ImportDraft
from theodoi.plans.restructure import title_field
from theodoi.reporting.access import get_draft_for, staged_drafts
from theodoi.users import AuthenticatedRequest
from theodoi.workspace import preview as tables
from theodoi.workspace.agencies import agency_choices
from theodoi.workspace.forms import (
    AddRowForm,
    FillIndicatorsForm,
    MergeRowsForm,
    ParagraphsForm,
    RowForm,
    SplitForm,
)
from theodoi.workspace.views.gates import coordinator_required
from theodoi.workspace.views.refusals import told


def _staged_draft(request: AuthenticatedRequest, draft_id: int) -> ImportDraft:
    return get_object_or_404(staged_drafts(request.user), pk=draft_id)


def _preview_url(draft: ImportDraft, anchor: str = "") -> str:
    url = reverse("workspace:import_preview", args=[draft.pk])
    return f"{url}#{anchor}" if anchor else url


def _apply(request: AuthenticatedRequest, draft: ImportDraft, edits: list[Edit], done: str) -> bool:
    write = partial(apply_corrections, draft, edits, by=request.user, now=timezone.now())
    return told(request, write, PlanError, done)


def _unread(
    request: AuthenticatedRequest, draft: ImportDraft, form: forms.Form, anchor: str = ""
) -> HttpResponse:
    """Back to the preview, which posted the form, with its errors as the message."""
    messages.error(request, " ".join(str(e) for field in form.errors.values() for e in field))
    return redirect(_preview_url(draft, anchor))


@coordinator_required
@require_POST
def row_action(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    form = RowForm(request.POST)
    if not form.is_valid():
        return _unread(request, draft, form)
    table, row, action = (form.cleaned_data[k] for k in ("table", "row", "action"))
    done = {
        "delete": _("The row was deleted."),
        "merge": _("The two rows were merged."),
        "move": _("The task was moved to the group."),
    }[action]
    _apply(request, draft, [form.edit()], done)
    return redirect(_preview_url(draft, f"{table}-{max(0, row - (action == 'delete'))}"))


@coordinator_required
@require_POST
def merge_rows(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    """The rows ticked in one table (of one group) made one."""
    draft = get_draft_for(request.user, draft_id)
    table = request.POST.get("table")
    count = len(draft.plan_json.get(table) or []) if table in ("tasks", "indicators") else 0
    form = MergeRowsForm(request.POST, count=count)
    if not form.is_valid():
        return _unread(request, draft, form)
    try:
        edits = form.edits(draft.plan_json)
    except PlanError as error:
        messages.error(request, str(error))
        return redirect(_preview_url(draft))
    done = _("The %(count)s rows were merged.") % {"count": len(edits) + 1}
    _apply(request, draft, edits, done)
    return redirect(_preview_url(draft, f"{table}-{min(form.cleaned_data['rows'])}"))


@coordinator_required
@require_http_methods(["GET", "POST"])
def split_row(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    """GET: the row's words, to be cut into lines. POST: one row per line."""
    draft = _staged_draft(request, draft_id)
    form = SplitForm(request.POST if request.method == "POST" else request.GET)
    where = form["table"].value(), form["row"].value()
    found = None
    if where[0] in ("tasks", "indicators") and str(where[1]).isdigit():
        found = tables.find_cell(draft.plan_json, where[0], int(where[1]), title_field(where[0]))
    if found is None:
        raise Http404
    cell, entry = found
    if request.method == "POST" and form.is_valid():
        count = len([p for p in form.cleaned_data["parts"].splitlines() if p.strip()])
        done = _("The row was split into %(count)s.") % {"count": count}
        if _apply(request, draft, [form.edit()], done):
            return redirect(_preview_url(draft, f"{where[0]}-{where[1]}"))
    elif request.method == "GET":
        form = SplitForm(initial={"table": where[0], "row": where[1], "parts": cell.text})
    context = {
        "draft": draft,
        "form": form,
        "entry": entry,
        "back": _preview_url(draft, f"{where[0]}-{where[1]}"),
    }
    return render(request, "workspace/import_split.html", context)


@coordinator_required
@require_POST
def add_row(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    form = AddRowForm(request.POST)
    if not form.is_valid():
        return _unread(request, draft, form)
    table = form.cleaned_data["table"]
    done = _("The task was added.") if table == "tasks" else _("The indicator was added.")
    if _apply(request, draft, [form.edit()], done):
        draft.refresh_from_db()
        code = draft.corrections[-1]["after"][0]["code"]
        rows = draft.plan_json.get(table) or []
        added = next(i for i, e in enumerate(rows) if e.get("code") == code)
        return redirect(_preview_url(draft, f"{table}-{added}"))
    return redirect(_preview_url(draft, table))


@coordinator_required
@require_http_methods(["GET", "POST"])
def paragraphs(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    """The paragraphs of the document's tasks part; those chosen become tasks, each part of
    the document their group."""
    draft = _staged_draft(request, draft_id)
    try:
        offered = offered_paragraphs(draft)
    except PlanError as busy:
        messages.error(request, str(busy))
        return redirect(_preview_url(draft, "tasks"))
    form = ParagraphsForm(request.POST or None, paragraphs=offered)
    if request.method == "POST" and form.is_valid():
        count = len(form.cleaned_data["chosen"])
        done = _("%(count)s tasks were made from the paragraphs.") % {"count": count}
        if _apply(request, draft, form.edits(), done):
            return redirect(_preview_url(draft, "tasks"))
    existing = {e.get("title") for e in draft.plan_json.get("tasks") or []}
    parts: list[tuple[str, str, list[tuple[int, str, bool]]]] = []
    for index, paragraph in enumerate(offered):
        if not parts or parts[-1][0] != paragraph.section_code:
            parts.append((paragraph.section_code, paragraph.section_title, []))
        parts[-1][2].append((index, paragraph.text, paragraph.text in existing))
    context = {"draft": draft, "form": form, "parts": parts, "back": _preview_url(draft, "tasks")}
    return render(request, "workspace/import_paragraphs.html", context)


@coordinator_required
@require_POST
def fill_indicators(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    form = FillIndicatorsForm(request.POST)
    if not form.is_valid():
        return _unread(request, draft, form, "indicators")
    gaps = tables.indicator_gaps(draft.plan_json)
    edits = form.edits(gaps.no_agency, gaps.no_year)
    done = _("%(count)s indicators were filled in.") % {
        "count": len({e.row for e in edits if hasattr(e, "row")})
    }
    if edits:
        _apply(request, draft, edits, done)
    return redirect(_preview_url(draft, "indicators"))


@coordinator_required
@require_POST
def undo(request: AuthenticatedRequest, draft_id: int) -> HttpResponse:
    draft = get_draft_for(request.user, draft_id)
    write = partial(undo_correction, draft, by=request.user, now=timezone.now())
    told(request, write, PlanError, _("The latest correction was taken back."))
    return redirect(_preview_url(draft, "corrections"))


@coordinator_required
@require_GET
def find_agencies(request: AuthenticatedRequest, draft_id: int) -> JsonResponse:
    """The organisations one of whose names matches ``q``, for the agency list's script."""
    draft = get_draft_for(request.user, draft_id)
    choices = agency_choices(draft.province, as_of=timezone.localdate())
    found = search(request.GET.get("q", ""), choices)
    return JsonResponse(
        {
            "results": [
                {"name": f.choice.name, "label": f.choice.label, "matched": f.matched or ""}
                for f in found
            ]
        }
    )


@coordinator_required
@require_GET
def read_time(request: AuthenticatedRequest, draft_id: int) -> JsonResponse:
    """How a time being typed will be read, by the parser extraction uses."""
    get_draft_for(request.user, draft_id)
    return JsonResponse({"reading": tables.read_typed_time(request.GET.get("text", ""))})

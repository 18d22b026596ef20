"""The audit log page and its Excel export: the entries of the reader's scope under the
filters of the query string, newest first, fifty a page. Coordinators (IT staff too) and
leaders only; the nation reads every entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from theodoi.audit.actions import label_of
from theodoi.audit.models import AuditEntry
from theodoi.exports.audit import MAX_ROWS, AuditRow, AuditSheet
from theodoi.exports.registry import EXPORTERS, Exporter
from theodoi.exports.serving import serves
from theodoi.users import AnyUser, AuthenticatedRequest
from theodoi.workspace.auditlog.forms import AuditFilterForm
from theodoi.workspace.auditlog.scope import filtered, plans_of, visible_entries
from theodoi.workspace.views.gates import audit_reader_required

PER_PAGE = 50
# Pages beyond this are refused rather than counted into: narrow the filters instead.
MAX_PAGE = 2_000


def _person(entry: AuditEntry) -> str:
    if entry.by is None:
        return _("the system")
    name = entry.by.get_full_name()
    return f"{name} ({entry.by.username})" if name else entry.by.username


def _selected(request: HttpRequest, form: AuditFilterForm) -> QuerySet[AuditEntry]:
    assert request.user.is_authenticated
    return filtered(visible_entries(request.user), form.filters()).select_related("by")


def _rows(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    entries = list(entries)
    plans = plans_of(entries)
    return [
        {
            "entry": e,
            "person": _person(e),
            "action": label_of(e.action),
            "plan": plans.get(e.pk),
        }
        for e in entries
    ]


def _described(form: AuditFilterForm) -> str:
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        shown = dict(getattr(field, "choices", [])).get(value, value) if name != "plan" else value
        parts.append(f"{field.label}: {shown}")
    return "; ".join(str(p) for p in parts) or _("none")


@audit_reader_required
def entry_list(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, who=request.user)
    if request.GET and not form.is_valid():
        return render(
            request, "auditlog/entries.html", {"form": form, "rows": [], "page": None}, status=400
        )
    if not request.GET:
        form = AuditFilterForm({}, who=request.user)
        form.is_valid()
    number = request.GET.get("trang", "1")
    if not number.isdigit() or not 1 <= int(number) <= MAX_PAGE:
        number = "1"
    page = Paginator(_selected(request, form), PER_PAGE).get_page(number)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "auditlog/entries.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(page.object_list),
            "query": query.urlencode(),
            "export": EXPORTERS["audit_xlsx"],
        },
    )


@serves
def export(request: HttpRequest, exporter: Exporter[Any]) -> AuditSheet:
    user: AnyUser = request.user
    form = AuditFilterForm(request.GET, who=user)
    if not form.is_valid():
        raise BadRequest(" ".join(str(m) for errors in form.errors.values() for m in errors))
    selected = _selected(request, form)
    total = selected.count()
    rows = _rows(selected[:MAX_ROWS])
    return AuditSheet(
        rows=tuple(
            AuditRow(
                at=r["entry"].at,
                person=r["person"],
                action=r["action"],
                code=r["entry"].action,
                subject=r["entry"].object_repr,
                plan=str(r["plan"]) if r["plan"] else "",
            )
            for r in rows
        ),
        filters=_described(form),
        total=total,
    )

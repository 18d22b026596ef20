"""The coordinator's accounts pages: the list of her scope's accounts with a search, one
account created by a form, a list of people uploaded as Excel with a preview then created all
at once, and the actions on one account; and each person's own page (``Tài khoản của tôi``).

Every write is one call to theodoi.orgs.accounts; its refusal is shown as it is."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from theodoi.files.uploads import XLSX, RefusedFileError, check_upload
from theodoi.orgs.account_list import accounts_of
from theodoi.orgs.accounts import (
    ListRefusedError,
    change_role,
    check_people,
    disable_person,
    enable_person,
    get_person_for,
    invite_people,
    person_label,
    resend_invitation,
    update_profile,
)
from theodoi.orgs.agency_finder import agencies_in_scope
from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.models import Role
from theodoi.orgs.people_list import (
    COLUMN_LABELS,
    MAX_PEOPLE,
    ROLE_NAMES,
    Column,
    LineError,
    PeopleList,
    PersonLine,
    read_people_list,
)
from theodoi.orgs.roles import persona_of
from theodoi.reporting.workbook.bounds import UnreadableWorkbookError
from theodoi.reporting.workbook.opening import open_sheets
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.people_forms import (
    PeopleListForm,
    PersonForm,
    ProfileForm,
    RoleForm,
    SearchForm,
)
from theodoi.workspace.views.gates import coordinator_action, coordinator_required

# A list of a few hundred people is tens of kilobytes; a megabyte is a photo pasted in it.
MAX_LIST_BYTES = 2 * 1024 * 1024
# Rows read from the sheet: the people, their header and title, blank rows between; past this
# the workbook reader refuses the file before building it.
MAX_LIST_ROWS = 5000
# The preview waiting in the session for the coordinator to confirm.
PREVIEW = "theodoi_people_preview"
SHOWN_ERRORS = 50
MAX_SHOWN = 300
_FIELD_OF = {
    Column.NAME: "name",
    Column.EMAIL: "email",
    Column.AGENCY: "agency",
    Column.ROLE: "role",
}


def _site(request: AuthenticatedRequest) -> str:
    return request.build_absolute_uri("/")


def _refresh(request: AuthenticatedRequest) -> HttpResponse:
    back = reverse("workspace:people")
    query = request.POST.get("q", "")
    return redirect(f"{back}?{urlencode({'q': query})}" if query else back)


@coordinator_required
def people(request: AuthenticatedRequest) -> HttpResponse:
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    found = accounts_of(request.user, query)
    scope = persona_of(request.user).scope
    return render(
        request,
        "workspace/people_list.html",
        {
            "search": search,
            "query": query,
            "accounts": found[:MAX_SHOWN],
            "more": max(0, len(found) - MAX_SHOWN),
            "count": len(found),
            "role_form": RoleForm(),
            "scope": scope.name if scope is not None else _("the nation"),
        },
    )


@coordinator_required
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonForm(request.POST) if request.method == "POST" else PersonForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        line = PersonLine(0, data["name"], data["email"], data["agency"], data["role"])
        try:
            (person,) = invite_people(
                [line], by=request.user, now=timezone.now(), base_url=_site(request)
            )
        except ListRefusedError as refused:
            for error in refused.errors:
                field = _FIELD_OF.get(error.column) if error.column else None
                form.add_error(field, capfirst(error.reason))
        else:
            messages.success(
                request,
                _("The account of %(person)s was created; an invitation was sent to %(email)s.")
                % {"person": person_label(person), "email": person.email},
            )
            return redirect("workspace:people")
    return render(
        request,
        "workspace/person_create.html",
        {"form": form, "agencies": agencies_in_scope(request.user)},
        status=400 if form.errors else 200,
    )


def _read_upload(upload: Any) -> PeopleList:
    """The people of an uploaded file, or the one error that refuses the file."""
    try:
        checked = check_upload(
            upload, [XLSX], max_bytes=MAX_LIST_BYTES, fallback_name="danh-sach.xlsx"
        )
        sheets = open_sheets(checked.data, None, max_rows=MAX_LIST_ROWS)
    except (RefusedFileError, UnreadableWorkbookError) as refused:
        return PeopleList(errors=[LineError(None, None, str(refused))])
    rows = next(iter(sheets.values()), [])
    return read_people_list(rows)


@coordinator_required
def people_upload(request: AuthenticatedRequest) -> HttpResponse:
    """Upload, then a preview of every person, or every error; nothing is created until the
    coordinator confirms a preview without errors."""
    form = (
        PeopleListForm(request.POST, request.FILES)
        if request.method == "POST"
        else PeopleListForm()
    )
    errors: list[LineError] = []
    invitees: list[Any] = []
    token = ""
    if form.is_bound and form.is_valid():
        reading = _read_upload(form.cleaned_data["people"])
        errors = reading.errors
        if not errors:
            checked = check_people(reading.lines, by=request.user, as_of=timezone.localdate())
            errors, invitees = checked.errors, checked.invitees
        if not errors:
            lines = [asdict(invitee.line) for invitee in invitees]
            token = hashlib.sha256(repr(lines).encode()).hexdigest()
            request.session[PREVIEW] = {"token": token, "lines": lines}
    return render(
        request,
        "workspace/people_upload.html",
        {
            "form": form,
            "errors": errors[:SHOWN_ERRORS],
            "error_count": len(errors),
            "more_errors": max(0, len(errors) - SHOWN_ERRORS),
            "invitees": invitees,
            "token": token,
            "columns": list(COLUMN_LABELS.values()),
            "roles": list(ROLE_NAMES.values()),
            "max_people": MAX_PEOPLE,
            "max_bytes": MAX_LIST_BYTES,
        },
        status=400 if errors or form.errors else 200,
    )


@coordinator_action
def people_import(request: AuthenticatedRequest) -> HttpResponse:
    preview = request.session.get(PREVIEW) or {}
    if not preview or preview.get("token") != request.POST.get("token"):
        messages.error(request, _("The previewed list has expired; upload it again."))
        return redirect("workspace:people_upload")
    lines = [PersonLine(**line) for line in preview["lines"]]
    try:
        created = invite_people(lines, by=request.user, now=timezone.now(), base_url=_site(request))
    except ListRefusedError as refused:
        messages.error(
            request,
            _("Nothing was created: %(errors)s") % {"errors": refused},
        )
        return redirect("workspace:people_upload")
    del request.session[PREVIEW]
    messages.success(
        request,
        ngettext(
            "%(count)s account was created; each person was sent an invitation.",
            "%(count)s accounts were created; each person was sent an invitation.",
            len(created),
        )
        % {"count": len(created)},
    )
    return redirect("workspace:people")


def _act(request: AuthenticatedRequest, person_id: int, action: str) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    now, label = timezone.now(), person_label(person)
    try:
        if action == "disable":
            disable_person(person, by=request.user, now=now)
            done = _("The account of %(person)s is disabled: they can no longer log in.")
        elif action == "enable":
            enable_person(person, by=request.user, now=now)
            done = _("The account of %(person)s is enabled again.")
        elif action == "resend":
            resend_invitation(person, by=request.user, now=now, base_url=_site(request))
            done = _("The invitation was sent again to %(person)s.")
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a role of the list."))
                return _refresh(request)
            change_role(person, Role(form.cleaned_data["role"]), by=request.user, now=now)
            done = _("%(person)s is now %(role)s.")
    except OrganisationError as refused:
        messages.error(request, str(refused))
    else:
        role = person.memberships.first()
        messages.success(
            request,
            done % {"person": label, "role": role.get_role_display() if role else ""},
        )
    return _refresh(request)


@coordinator_action
def person_disable(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _act(request, person_id, "disable")


@coordinator_action
def person_enable(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _act(request, person_id, "enable")


@coordinator_action
def person_resend(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _act(request, person_id, "resend")


@coordinator_action
def person_role(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _act(request, person_id, "role")


@login_required
def my_account(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    initial = {"name": person.get_full_name(), "email": person.email}
    form = ProfileForm(request.POST) if request.method == "POST" else ProfileForm(initial=initial)
    if form.is_bound and form.is_valid():
        try:
            update_profile(
                person,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                now=timezone.now(),
            )
        except OrganisationError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Your name and e-mail address are saved."))
            return redirect("workspace:my_account")
    return render(
        request,
        "workspace/my_account.html",
        {"form": form, "memberships": person.memberships.select_related("organisation", "scope")},
        status=400 if form.errors else 200,
    )

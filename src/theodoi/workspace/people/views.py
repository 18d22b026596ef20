"""Pages of the people in charge: naming them on a task's assignments, and their figures for
the leaders and coordinators of a scope. Views convert and show; theodoi.reporting.people
writes, figures.py counts what theodoi.evaluation judged."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.orgs.people import name_of, people_of
from theodoi.plans.models import TaskAgency
from theodoi.reporting.access import (
    get_task_for,
    may_name_people,
    note_confidential_reads,
    visible_tasks,
)
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.people import set_people_in_charge
from theodoi.snapshots.reading import Results
from theodoi.snapshots.services import latest_snapshot
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace.people.figures import people_in_charge
from theodoi.workspace.people.forms import PeopleForm
from theodoi.workspace.people.keys import people_key
from theodoi.workspace.views.cached import whole_page
from theodoi.workspace.views.gates import reader_required, staff_required


def _person(pk: int | None, label: str, form: PeopleForm) -> User | None:
    if pk is None:
        return None
    found = User.objects.filter(pk=pk).first()
    if found is None:
        form.add_error(
            None, _("%(field)s: no person has the number %(id)s.") % {"field": label, "id": pk}
        )
    return found


@staff_required
def task_people(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    """A task's assignments with their people in charge; a form for each assignment the
    person may name them on (the agency's reporter, the plan's coordinator)."""
    task = get_task_for(request.user, task_id)
    today = timezone.localdate()
    assignments = list(
        TaskAgency.objects.filter(task=task)
        .select_related("organisation", "officer", "leader", "task__plan")
        .order_by("role", "position", "pk")
    )
    forms: dict[int, PeopleForm] = {}
    status = 200
    for assignment in assignments:
        if assignment.organisation is None or not may_name_people(request.user, assignment):
            continue
        members = list(people_of(assignment.organisation, today))
        initial = {"officer": assignment.officer_id, "leader": assignment.leader_id}
        posted = request.method == "POST" and request.POST.get("assignment") == str(assignment.pk)
        forms[assignment.pk] = PeopleForm(
            request.POST if posted else None,
            initial=initial,
            members=members,
            prefix=f"a{assignment.pk}",
        )
    if request.method == "POST":
        chosen = next((a for a in assignments if str(a.pk) == request.POST.get("assignment")), None)
        if chosen is None:
            raise Http404
        if chosen.pk not in forms:
            raise PermissionDenied
        form = forms[chosen.pk]
        if form.is_valid():
            officer = _person(form.cleaned_data["officer"], _("Officer in charge"), form)
            leader = _person(form.cleaned_data["leader"], _("Leader in charge"), form)
            if not form.errors:
                try:
                    set_people_in_charge(
                        chosen, officer=officer, leader=leader, by=request.user, now=timezone.now()
                    )
                except ReportingError as refused:
                    form.add_error(None, str(refused))
                else:
                    messages.success(
                        request,
                        _("People in charge of %(agency)s on task %(code)s saved.")
                        % {"agency": chosen.name, "code": task.code},
                    )
                    return redirect("people:task_people", task_id=task.pk)
        status = 400
    # The assignments this person may change first, then the other agencies, then the
    # collective phrases ("Các sở, ban, ngành") nobody can be named for.
    rows = sorted(
        (
            (a, forms.get(a.pk), a.organisation.current(today) if a.organisation else None)
            for a in assignments
        ),
        key=lambda row: (row[1] is None, row[2] is None),
    )
    return render(request, "people/task_people.html", {"task": task, "rows": rows}, status=status)


@reader_required
def people(request: AuthenticatedRequest) -> HttpResponse:
    """Per person, the tasks they answer for within the reader's scope and how far they are;
    kept whole under what it shows (keys.py)."""
    today = timezone.localdate()

    def render_page(layout: dict[str, Any]) -> HttpResponse:
        rows = people_in_charge(request.user, as_of=today)
        return render(request, "people/people.html", {**layout, "rows": rows, "as_of": today})

    return whole_page(request, people_key(request.user, today=today), render_page)


@reader_required
def person(request: AuthenticatedRequest, in_charge_id: int) -> HttpResponse:
    """One person's rows and the tasks behind them; 404 when the person answers for no task
    the reader may see (another province's officer, for a coordinator of this one). Kept
    whole under the people page's key, which names everything either page shows; an
    inspector granted confidential tasks has no key, so each of their reads is audited."""
    today = timezone.localdate()

    def render_page(layout: dict[str, Any]) -> HttpResponse:
        rows = people_in_charge(request.user, as_of=today, person_id=in_charge_id)
        if not rows:
            raise Http404
        task_ids = {t for row in rows for t in row.task_ids}
        tasks = list(
            visible_tasks(request.user)
            .filter(pk__in=task_ids)
            .select_related("plan")
            .prefetch_related(
                Prefetch("agencies", queryset=TaskAgency.objects.select_related("organisation"))
            )
            .order_by("plan_id", "position", "pk")
        )
        note_confidential_reads(request.user, tasks)
        judged = {}
        for plan in {t.plan_id: t.plan for t in tasks}.values():
            snapshot = latest_snapshot(plan, as_of=today)
            if snapshot is not None:
                judged.update(Results.of(snapshot).tasks)
        capacities = {
            t: [row.capacity.label for row in rows if t in row.task_ids] for t in task_ids
        }
        return render(
            request,
            "people/person.html",
            {
                **layout,
                "person": rows[0].person,
                "name": name_of(rows[0].person),
                "rows": rows,
                "lines": [(t, judged.get(t.pk), capacities[t.pk]) for t in tasks],
                "as_of": today,
            },
        )

    return whole_page(request, people_key(request.user, today=today), render_page)

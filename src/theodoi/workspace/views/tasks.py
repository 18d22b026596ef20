"""The tasks of a plan found by code or title, for the task picker of a form that chooses one
(``workspace/picking.py``): to whoever may fill in that form, and only the tasks it offers."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import TASK_PURPOSES, find_tasks, purpose_of, task_label
from theodoi.workspace.views.gates import staff_required


@staff_required
@require_GET
def find_plan_tasks(request: AuthenticatedRequest, plan_id: int) -> JsonResponse:
    """The tasks of the plan's form ``cho`` matching ``q``, to whoever may fill it in
    (``purpose_of``)."""
    plan, purpose = purpose_of(request, plan_id, TASK_PURPOSES)
    tasks = purpose.tasks(request.user, plan).only("pk", "code", "title")
    found = find_tasks(tasks, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"id": t.pk, "name": task_label(t), "label": task_label(t), "matched": ""}
                for t in found
            ]
        }
    )

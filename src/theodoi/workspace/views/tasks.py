"""The tasks of a plan found by code or title, for the task picker of a form that chooses one
(``workspace/picking.py``): to whoever may fill in that form, and only the tasks it offers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from theodoi.reporting.access import get_plan_for
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import TASK_PURPOSES, find_tasks, task_label
from theodoi.workspace.views.gates import staff_required


@staff_required
@require_GET
def find_plan_tasks(request: AuthenticatedRequest, plan_id: int) -> JsonResponse:
    """The tasks of the plan's form ``cho`` matching ``q``: 404 for a plan one does not see
    or a form that does not exist, 403 for a form not one's to fill."""
    plan = get_plan_for(request.user, plan_id)
    purpose = TASK_PURPOSES.get(request.GET.get("cho", ""))
    if purpose is None:
        raise Http404
    if not purpose.may(request.user, plan):
        raise PermissionDenied
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

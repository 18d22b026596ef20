"""The agencies of a plan found by name, for the picker of a form that chooses among them
(``workspace/picking.py``): to whoever may fill in that form, and only that form's agencies."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from theodoi.reporting.access import get_plan_for
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import PURPOSES, find
from theodoi.workspace.views.gates import staff_required


@staff_required
@require_GET
def find_plan_agencies(request: AuthenticatedRequest, plan_id: int) -> JsonResponse:
    """The agencies of the plan's form ``cho`` one of whose names matches ``q``: 404 for a
    plan one does not see or a form that does not exist, 403 for a form not one's to fill."""
    plan = get_plan_for(request.user, plan_id)
    purpose = PURPOSES.get(request.GET.get("cho", ""))
    if purpose is None:
        raise Http404
    if not purpose.may(request.user, plan):
        raise PermissionDenied
    found = find(purpose.agencies(plan), request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": f.choice.pk,
                    "name": f.choice.name,
                    "label": f.choice.label,
                    "matched": f.matched or "",
                }
                for f in found
            ]
        }
    )

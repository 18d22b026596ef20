"""The agencies of a plan found by name, for the picker of a form that chooses among them
(``workspace/picking.py``): to whoever may fill in that form, and only that form's agencies."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import PURPOSES, find, purpose_of
from theodoi.workspace.views.gates import staff_required


@staff_required
@require_GET
def find_plan_agencies(request: AuthenticatedRequest, plan_id: int) -> JsonResponse:
    """The agencies of the plan's form ``cho`` one of whose names matches ``q``, to whoever
    may fill it in (``purpose_of``)."""
    plan, purpose = purpose_of(request, plan_id, PURPOSES)
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

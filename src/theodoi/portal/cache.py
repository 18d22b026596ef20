"""Public pages cached per plan, keyed on what they show.

The key carries the plan's version, the digest of its latest snapshot and the latest ranking
publication, so a rebuilt snapshot (an accepted update, a closed round), a new version of the
plan or a published ranking is a new key: the old page is never served again, and no code has
to remember to delete it. One small query finds the key; a hit costs nothing more.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation

from theodoi.plans.models import Plan, PlanStatus
from theodoi.snapshots.models import PlanSnapshot, RankingPublication

TIMEOUT = 24 * 3600  # a snapshot a day at least; older keys simply expire
View = Callable[..., HttpResponse]


def plan_version(plan_id: int, today: datetime.date) -> str:
    """What a public page of the plan depends on, as a short string; Http404 when the plan
    is not published."""
    plan = (
        Plan.objects.filter(pk=plan_id, status=PlanStatus.PUBLISHED)
        .values_list("version", flat=True)
        .first()
    )
    if plan is None:
        raise Http404
    digest = (
        PlanSnapshot.objects.filter(plan_id=plan_id, as_of__lte=today)
        .order_by("-as_of")
        .values_list("digest", flat=True)
        .first()
    )
    ranking = (
        RankingPublication.objects.filter(plan_id=plan_id)
        .order_by("-published_at")
        .values_list("pk", flat=True)
        .first()
    )
    return f"{plan}.{digest or '-'}.{ranking or '-'}"


def cached_per_plan(view: View) -> View:
    """Cache a GET page of one plan (its view takes ``plan_id``) under the plan's version."""

    @wraps(view)
    def serve(request: HttpRequest, plan_id: int, **kwargs: Any) -> HttpResponse:
        version = plan_version(plan_id, timezone.localdate())
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"portal:{plan_id}:{version}:{translation.get_language()}:{path}"
        # Only what the public sees is shared: a signed-in person's page names them.
        shared = request.method == "GET" and not request.user.is_authenticated
        if shared:
            hit = cache.get(key)
            if hit is not None:
                return hit
        response = view(request, plan_id, **kwargs)
        if shared and response.status_code == 200:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, TIMEOUT)
        return response

    return serve

"""Public pages cached per plan (and the front page over every plan), keyed on what they show.

The key names the plan's version and latest amendment, the digest of its latest snapshot, the
latest ranking publication not withdrawn, the very tasks and indicators the public may read and
the questions and answers published on the plan (their ids), and the page's address without
its query string (no cached page reads one). So a rebuilt snapshot, a new version of the plan,
an amendment, a published or withdrawn ranking, a task made confidential or public or a
question answered publicly is a new key at once: the old page is never served again and no
code has to remember to delete it, while a random query string can neither bypass the cache
nor fill it. One statement finds the key.

A task's words change only with a new version of its plan (a re-import) or an amendment
(``plans.amending``, which numbers each); confidentiality and archiving change the set of ids,
and a link to another system's record changes the identifiers the key reads with each id.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation

from theodoi.caching import fetch, keep
from theodoi.plans.models import Indicator, Plan, PlanStatus, Task
from theodoi.portal.models import Feedback, FeedbackState
from theodoi.snapshots.models import PlanSnapshot, RankingPublication

View = Callable[..., HttpResponse]


def _version_sql() -> str:
    """One statement for the key: the ORM spent about 2.5 ms of CPU composing its subqueries
    on every cached hit, ten times the query's own cost, so it is written once. Its first row
    is the plan's (kind 0: version, snapshot digest, ranking, amendment), then one row per
    public task (kind 1), live indicator (kind 2) and published question and answer (kind 3).
    Plain SQL that SQLite and PostgreSQL read alike; table names come from the models. The
    task rows are ``visible_tasks`` of the public (tests/portal/test_cache.py holds the two
    together), each with its identifiers in other systems, which open data lists and which
    change with neither a version nor an amendment."""
    plan, snapshot = Plan._meta.db_table, PlanSnapshot._meta.db_table
    ranking, task = RankingPublication._meta.db_table, Task._meta.db_table
    indicator, question = Indicator._meta.db_table, Feedback._meta.db_table
    return (
        f"SELECT 0, p.version,"
        f" (SELECT s.digest FROM {snapshot} s WHERE s.plan_id = p.id AND s.as_of <= %s"
        f"  ORDER BY s.as_of DESC LIMIT 1),"
        f" (SELECT r.id FROM {ranking} r WHERE r.plan_id = p.id AND r.withdrawn_at IS NULL"
        f"  ORDER BY r.published_at DESC, r.id DESC LIMIT 1), p.amendment_number"
        f" FROM {plan} p WHERE p.id = %s AND p.status = %s"
        f" UNION ALL SELECT 1, t.id, CAST(t.external_ids AS TEXT), NULL, NULL FROM {task} t"
        f" WHERE t.plan_id = %s AND t.confidential = %s AND t.archived_at IS NULL"
        f" UNION ALL SELECT 2, i.id, CAST(i.external_ids AS TEXT), NULL, NULL FROM {indicator} i"
        f" WHERE i.plan_id = %s AND i.archived_at IS NULL"
        f" UNION ALL SELECT 3, q.id, NULL, NULL, NULL FROM {question} q"
        f" WHERE q.plan_id = %s AND q.state = %s"
        f" ORDER BY 1, 2"
    )


def plan_version(plan_id: int, today: datetime.date) -> str:
    """What a public page of the plan depends on, as a short string, in one query; Http404
    when the plan is not published."""
    params: list[datetime.date | int | str | bool] = [
        today,
        plan_id,
        PlanStatus.PUBLISHED.value,
        plan_id,
        False,
        plan_id,
        plan_id,
        FeedbackState.PUBLISHED.value,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), params)
        rows = cursor.fetchall()
    if not rows or rows[0][0] != 0:
        raise Http404
    _, version, digest, ranking, amendment = rows[0]
    shown = ",".join(f"{kind}:{pk}:{linked or ''}" for kind, pk, linked, *_ in rows[1:])
    ids = hashlib.sha256(shown.encode()).hexdigest()[:16]
    return f"{version}.{amendment}.{digest or '-'}.{ranking or '-'}.{ids}"


def _front_sql() -> str:
    """The statement of the portal's front page (every published plan with its public tasks'
    figures): each published plan's version, amendment and latest snapshot digest (kind 0),
    then the tasks of those plans the public may not read, confidential or archived (kind 1).
    A plan's tasks are those of its version and amendment, so these few ids name the public
    ones without listing the thousands of them on every hit. Its condition on tasks is the
    partial index ``task_hidden_from_public``'s, word for word and without a parameter (SQLite
    uses a partial index only for a condition it can see implies the index's), so the hidden
    tasks are read from that index, not from every task of the country."""
    plan, snapshot, task = Plan._meta.db_table, PlanSnapshot._meta.db_table, Task._meta.db_table
    return (
        f"SELECT 0, p.id, p.version, p.amendment_number,"
        f" (SELECT s.digest FROM {snapshot} s WHERE s.plan_id = p.id AND s.as_of <= %s"
        f"  ORDER BY s.as_of DESC LIMIT 1)"
        f" FROM {plan} p WHERE p.status = %s"
        f" UNION ALL SELECT 1, t.id, t.plan_id, NULL, NULL FROM {task} t"
        f" JOIN {plan} p ON p.id = t.plan_id"
        f" WHERE p.status = %s AND (t.confidential OR t.archived_at IS NOT NULL)"
        f" ORDER BY 1, 2"
    )


def front_version(today: datetime.date) -> str:
    """What the portal's front page depends on, as a short string, in one query."""
    published = PlanStatus.PUBLISHED.value
    with connection.cursor() as cursor:
        cursor.execute(_front_sql(), [today, published, published])
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:32]


def _served(request: HttpRequest, key: str, view: Callable[[], HttpResponse]) -> HttpResponse:
    """The page under ``key`` for the public, else ``view``'s (kept when it is a 200)."""
    # Only what the public sees is shared: a signed-in person's page names them.
    shared = request.method == "GET" and not request.user.is_authenticated
    if shared:
        hit: HttpResponse | None = fetch(key)
        if hit is not None:
            return hit
    response = view()
    if shared and response.status_code == 200:
        if hasattr(response, "render") and callable(response.render):
            response.render()
        keep(key, response)
    return response


def cached_per_plan(view: View) -> View:
    """Cache a GET page of one plan (its view takes ``plan_id`` and reads no query
    parameter) under the plan's version and the page's address."""

    @wraps(view)
    def serve(request: HttpRequest, plan_id: int, **kwargs: Any) -> HttpResponse:
        version = plan_version(plan_id, timezone.localdate())
        # The path names the page (plan, indicator, agency, dataset); the query string is
        # left out, so ``?x=1`` is the same page from the same entry.
        path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        key = f"portal:{plan_id}:{version}:{translation.get_language()}:{path}"
        return _served(request, key, lambda: view(request, plan_id, **kwargs))

    return serve


def cached_front(view: View) -> View:
    """Cache the portal's front page (it reads no query parameter) under every published
    plan's version and the tasks the public may not read."""

    @wraps(view)
    def serve(request: HttpRequest) -> HttpResponse:
        version = front_version(timezone.localdate())
        key = f"portal:front:{version}:{translation.get_language()}"
        return _served(request, key, lambda: view(request))

    return serve

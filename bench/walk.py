"""Every page in process, beside the floor: run inside the benchmark's environment (a fresh
database, ``DJANGO_SETTINGS_MODULE=bench.settings``) by ``pages.py``, which reads the JSON it
prints.

The routes are the resolver's (the permission matrix's walk of it, so a new page cannot be
missed) and each is requested as the first role of ``cast.ROLES`` that the matrix lets read
it. For a GET page: its status, the median and p95 of its warm time, each sample taken right
after one of the floor's (so the two share whatever else the machine does), its queries, and
the time of the SQL it needs replayed on a bare cursor. A page whose request leaves an entry in
theodoi.caching's memory has a cache: it is also rendered cold (both cache levels emptied).
A POST is a write that changes what the other pages read; it is listed, and the reporter's
report POST stands for them beside a trivial POST."""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from tests.workspace.test_permission_matrix import AWAY, MATRIX, named_routes

from bench.cast import ROLES, Cast, cast
from bench.urls import FLOOR
from theodoi import caching
from theodoi.demo.synthload import is_commune_plan, synthetic_plans
from theodoi.orgs.loading import load_organisations
from theodoi.snapshots.services import rebuild_snapshot

# The SQL of the session, the signed-in person, the login, the rate limits and the cache: the
# framework's (the floor runs it too), not the page's data. A page's own reads of accounts stay.
BOOKKEEPING = re.compile(
    r'FROM "(django_session|theodoi_cache|axes_\w+|limits_\w+)"'
    r'|FROM "auth_user" WHERE "auth_user"\."id" = \d+ LIMIT 21'
)
# A sequential scan of a table of more rows than this is flagged under EXPLAIN.
LARGE_TABLE = 10_000
# The pages wrk loads, by the route and the role that reads them.
UNDER_LOAD = {
    "dashboard": ("dashboard:dashboard", "leader"),
    "plan list": ("workspace:plan_list", "leader"),
    "public plan page": ("portal:plan_detail", "public"),
    "/cong-khai/": ("portal:plan_list", "public"),
    "API plan list": ("api:plan-list", "public"),
}


def role_for(route: str) -> str | None:
    """The first of ROLES that reads ``route`` (200), else the first it sends elsewhere."""
    expected = MATRIX[route].expected
    for wanted in (200, AWAY):
        for role in ROLES:
            if expected.get(role) == wanted:
                return role
    return None


def fetch(client: Client, url: str, data: Any = None) -> HttpResponse:
    """A GET, its body read whole (a download's too, as a server would send it)."""
    response: Any = client.get(url, data)
    if getattr(response, "streaming", False):
        response.body_bytes = len(b"".join(response.streaming_content))
    else:
        response.body_bytes = len(response.content)
    response.close()
    return response  # type: ignore[no-any-return]


def timed(request: Callable[[], Any]) -> float:
    started = time.perf_counter()
    request()
    return (time.perf_counter() - started) * 1000


def clocked(request: Callable[[], Any]) -> tuple[float, float]:
    """The wall time of ``request`` and the CPU time this process spent on it, in ms: on a
    busy machine the CPU time (which leaves out the database server's) waits for no one."""
    started, cpu = time.perf_counter(), time.process_time()
    request()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def data_statements(request: Callable[[], Any]) -> list[str]:
    """The SELECTs one request runs for its data, with their values in them as the backend
    logged them, less the framework's bookkeeping."""
    with CaptureQueriesContext(connection) as captured:
        request()
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and not BOOKKEEPING.search(q["sql"])
    ]


def replay(statements: list[str], repeats: int) -> tuple[float, str | None, float]:
    """The median time of running ``statements`` on a bare cursor, fetching every row; and
    the slowest statement with its median time."""
    totals, each = [], [[] for _ in statements]  # type: list[float], list[list[float]]
    for _ in range(repeats):
        total = 0.0
        with connection.cursor() as cursor:
            for i, sql in enumerate(statements):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                took = (time.perf_counter() - started) * 1000
                each[i].append(took)
                total += took
        totals.append(total)
    if not statements:
        return 0.0, None, 0.0
    medians = [statistics.median(t) for t in each]
    slowest = max(range(len(statements)), key=medians.__getitem__)
    return statistics.median(totals), statements[slowest], medians[slowest]


def explain(sql: str) -> dict[str, Any]:
    """PostgreSQL's plan of ``sql`` as it ran (EXPLAIN ANALYZE: a SELECT, so nothing changes),
    and the large tables it reads by a sequential scan."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
        lines = [row[0] for row in cursor.fetchall()]
        scanned = sorted({m for line in lines for m in re.findall(r"Seq Scan on (\w+)", line)})
        # Counted, not pg_class.reltuples: that is -1 or stale in a database just loaded.
        large = []
        for table in scanned:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            if cursor.fetchone()[0] > LARGE_TABLE:
                large.append(table)
    return {"plan": lines, "seq_scans_large": large}


def unnamed_patterns(patterns: list[Any] | None = None, prefix: str = "") -> list[str]:
    """The patterns without a name, which the matrix's walk passes over (admin left out)."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                found += unnamed_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and not entry.name:
            found.append(prefix + str(entry.pattern))
    return found


def load_data_set(synth_args: list[str]) -> dict[str, Any]:
    """The organisations and ``theodoi synth``, then every snapshot rebuilt, timed."""
    now = timezone.now()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_organisations(by=None, now=now)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("synth", *synth_args, "--no-snapshots", stdout=quiet)
    loaded = time.perf_counter() - started
    plans = synthetic_plans()
    started = time.perf_counter()
    for plan in plans:
        rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
    rebuilt = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # The statistics autovacuum keeps in production (and this machine's server, with
        # autovacuum off, never gathers): without them the planner scans tables it would not.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"load_s": loaded, "rebuild_s": rebuilt, "plans": len(plans)}


def address(route: str, the_cast: Cast, query: dict[str, Any] | None) -> dict[str, Any]:
    """The row of ``route``: its URL, query and role, or why it is only listed."""
    if route not in MATRIX:
        return {"route": route, "skipped": "no row in the permission matrix (its test fails)"}
    declared = MATRIX[route]
    label = route + ("?" + "&".join(query) if query else "")
    row: dict[str, Any] = {"route": label, "method": declared.method}
    converters = dict(named_routes())[route].pattern.converters
    missing = [a for a in converters if a not in the_cast.arguments]
    role = role_for(route)
    if declared.method != "GET":
        row["skipped"] = "POST only: a write (the report POST stands for writes)"
    elif missing:
        row["skipped"] = f"no value in the data set for {', '.join(missing)}"
    elif role is None:
        row["skipped"] = "no role reads it: the permission matrix declares none a 200"
    else:
        url = reverse(route, kwargs={a: the_cast.arguments[a] for a in converters})
        query = query or (declared.data if isinstance(declared.data, dict) else None)
        row.update(url=url, query=query, role=role, expected=declared.expected[role])
        row["path"] = url + ("?" + urlencode(query, doseq=True) if query else "")
    return row


def figures(request: Callable[[], Any], floor: Callable[[], Any], n: int) -> dict[str, Any]:
    """A page's warm times, each right after the floor's, its queries and its raw SQL; and
    its cold render when it has a cache."""
    caching.forget_everything()
    statements = data_statements(request)
    found: dict[str, Any] = {}
    # Whether the request kept a body in this worker's memory, as a page with a cache does.
    found["cached"] = bool(caching._near._cache)  # type: ignore[attr-defined]
    if found["cached"]:
        cold = []
        for _ in range(max(1, n // 4)):
            caching.forget_everything()
            cold.append(timed(request))
        found["cold_ms"] = statistics.median(cold)
    request()
    warm, cpu, floors = [], [], []
    for _ in range(n):
        floors.append(timed(floor))
        wall, spent = clocked(request)
        warm.append(wall)
        cpu.append(spent)
    with CaptureQueriesContext(connection) as counted:
        request()
    sql_ms, slowest, slowest_ms = replay(statements, max(3, n // 2))
    found.update(
        warm_ms=statistics.median(warm),
        warm_p95_ms=p95(warm),
        cpu_ms=statistics.median(cpu),
        cpu_p95_ms=p95(cpu),
        floor_ms=statistics.median(floors),
        queries=len(counted.captured_queries),
        sql_queries=len(statements),
        sql_ms=sql_ms,
        slowest_sql_ms=slowest_ms,
    )
    if slowest is not None and connection.vendor == "postgresql":
        found["explain"] = {"sql": slowest[:2000], **explain(slowest)}
    return found


def measure_page(
    route: str,
    the_cast: Cast,
    clients: dict[str, Client],
    floor: Callable[[], Any],
    n: int,
    query: dict[str, Any] | None = None,
) -> dict[str, Any]:
    row = address(route, the_cast, query)
    if "url" not in row:
        return row
    client = clients[row["role"]]

    def request() -> HttpResponse:
        return fetch(client, row["url"], row["query"])

    try:
        first = request()
        status, row["kB"] = first.status_code, first.body_bytes / 1000  # type: ignore[attr-defined]
    except Exception as exc:  # a page that fails is a figure to print, and fails the run
        return {**row, "status": 500, "error": f"{type(exc).__name__}: {exc}"[:300]}
    row["status"] = status
    return row if status >= 500 else {**row, **figures(request, floor, n)}


def report_post(the_cast: Cast, n: int) -> dict[str, Any]:
    """The reporter's update form saved (form + save, answered by a redirect) beside a
    trivial POST of the same session through the CSRF check."""
    client = the_cast.client("reporter", csrf=True)
    form = reverse(
        "reporting:task_update",
        kwargs={"round_id": the_cast.round.pk, "task_id": the_cast.form_task.pk},
    )
    floor = reverse(FLOOR)
    posts, floors, statuses, floor_statuses, queries = [], [], set(), set(), 0
    post_cpu, floor_cpu = [], []  # processor time: what a busy machine does not inflate
    for i in range(n):
        page = client.get(form).content.decode()
        version = re.search(r'name="based_on" value="(\d+)"', page)
        token = client.cookies["csrftoken"].value
        assert version, "the update form has no based_on field"
        data = {
            "csrfmiddlewaretoken": token,
            "based_on": version.group(1),
            "status": "in_progress",
            "progress": str(i % 100),
            "results": f"Đo hiệu năng, lần {i + 1}",
            "action": "save",
        }
        started, cpu = time.perf_counter(), time.process_time()
        floor_statuses.add(client.post(floor, {"csrfmiddlewaretoken": token}).status_code)
        floor_cpu.append((time.process_time() - cpu) * 1000)
        floors.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as counted:
            started, cpu = time.perf_counter(), time.process_time()
            statuses.add(client.post(form, data).status_code)
            post_cpu.append((time.process_time() - cpu) * 1000)
            posts.append((time.perf_counter() - started) * 1000)
        queries = len(counted.captured_queries)
    return {
        "url": form,
        "statuses": sorted(statuses),
        "post_ms": statistics.median(posts),
        "post_p95_ms": p95(posts),
        "floor_post_ms": statistics.median(floors),
        "post_cpu_ms": statistics.median(post_cpu),
        "floor_post_cpu_ms": statistics.median(floor_cpu),
        "floor_statuses": sorted(floor_statuses),
        "queries": queries,
    }


def prepare(
    synth_args: list[str], samples: int, loaded: dict[str, Any] | None, only: str | None
) -> dict[str, Any]:
    """The walk, on the data set loaded now (or, given its figures, the one loaded before);
    with ``only``, of the routes it matches."""
    if loaded is None:
        loaded = load_data_set(synth_args)
    else:
        # A kept data set, loaded by another tree perhaps: brought to this tree's schema (its
        # data migrations included), as an upgrade brings a deployment's database.
        call_command("migrate", verbosity=0)
    provincial = sorted(
        (p for p in synthetic_plans() if not is_commune_plan(p)), key=lambda p: p.pk
    )
    the_cast = cast(provincial[len(provincial) // 2])
    clients = {role: the_cast.client(role) for role in ROLES}
    floor_url = reverse(FLOOR)
    leader = clients["leader"]
    fetch(leader, floor_url)

    def floor() -> HttpResponse:
        return fetch(leader, floor_url)

    wanted = re.compile(only or "")
    pages = [
        measure_page(route, the_cast, clients, floor, samples)
        for route, _pattern in named_routes()
        if route != FLOOR and wanted.search(route)
    ]
    # The dashboard of one plan, as a leader opens it from the plan list: the body it caches
    # (without a plan chosen it shows the scope's plans, uncached).
    if wanted.search("dashboard:dashboard"):
        pages.append(
            measure_page(
                "dashboard:dashboard",
                the_cast,
                clients,
                floor,
                samples,
                {"ke_hoach": the_cast.plan.pk},
            )
        )
    pages += [
        {"route": f"(unnamed) {pattern}", "skipped": "an unnamed pattern: no role declared"}
        for pattern in unnamed_patterns()
    ]
    sessions = {
        role: client.cookies["sessionid"].value
        for role, client in clients.items()
        if "sessionid" in client.cookies
    }
    plan = the_cast.plan.pk
    under_load = {"floor": (floor_url, "leader")}
    for label, (route, role) in UNDER_LOAD.items():
        kwargs = {"plan_id": plan} if route == "portal:plan_detail" else {}
        query = f"?ke_hoach={plan}" if route == "dashboard:dashboard" else ""
        under_load[label] = (reverse(route, kwargs=kwargs) + query, role)
    users = User.objects.count()
    return {
        **loaded,
        "users": users,
        "plan": the_cast.plan.pk,
        "pages": pages,
        "report_post": report_post(the_cast, samples),
        "sessions": sessions,
        "under_load": under_load,
        "vendor": connection.vendor,
        "samples": samples,
    }

"""Cached pages against the framework's floor, warm and in process.

    .venv/bin/python bench/cached.py [--backend sqlite|postgres ...] [--requests 200]

For each database: a fresh database with the organisation data and ``theodoi synth`` (as
bench/pages.py prepares it), every snapshot rebuilt, then each cached page asked for once (to
fill its cache) and ``--requests`` times more through Django's test client with a real
session, beside a trivial view that goes through the same middleware, session and database
(the floor) asked for by the same reader. It prints each page's median wall time per request,
its median CPU time (what a busy machine disturbs least: a long request is more often put
aside by the scheduler, which wall time counts), each as a ratio to the floor, and its
queries per request. Issue 15's bar: a cached page ≤ 3× the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: the repository's root, not bench/, on the path
    sys.path[0] = str(ROOT)

from bench.child import figures_of  # noqa: E402

PG_SERVER = os.environ.get("PG_URL_SERVER", "postgres://postgres@127.0.0.1:5432")
# BENCH_PG_NAME: a run of its own beside another on the same server.
PG_NAME = os.environ.get("BENCH_PG_NAME", "theodoi_bench_cached")
FLOOR = "/__san__/"


def floor_urls() -> None:
    """The project's URLs with the floor in front: a view that reads who asks (the session
    and the user, as every page does) and answers a constant."""
    import types

    from django.conf import settings
    from django.http import HttpRequest, HttpResponse
    from django.urls import clear_url_caches, path

    def floor(request: HttpRequest) -> HttpResponse:
        return HttpResponse(str(request.user.is_authenticated))

    module = types.ModuleType("bench_floor_urls")
    from theodoi import urls

    module.urlpatterns = [path(FLOOR.strip("/") + "/", floor), *urls.urlpatterns]  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


def load() -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from theodoi.demo.synthload import synthetic_plans
    from theodoi.orgs.loading import load_organisations
    from theodoi.snapshots.services import rebuild_snapshot

    now = timezone.now()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_organisations(by=None, now=now)
    call_command("synth", "--no-snapshots", stdout=open(os.devnull, "w"))  # noqa: SIM115
    for plan in synthetic_plans():
        rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)


def readers() -> dict[str, Any]:
    """Signed-in clients, one per role that reads the cached pages, and the public."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from theodoi.orgs.models import Organisation, Role
    from theodoi.orgs.services import grant_role

    now = timezone.now()
    province = Organisation.objects.filter(kind="province", successor__isnull=True).first()
    clients: dict[str, Any] = {"public": Client()}
    for name, scope in (("leader", "own"), ("national leader", None)):
        user, _ = User.objects.get_or_create(username=f"bench-{name.replace(' ', '-')}")
        grant_role(user, Role.LEADER, province, scope=scope, by=None, now=now)
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


def pages(province_id: int) -> list[tuple[str, str, str]]:
    """(name, reader, address) of each cached page, the floor first for each reader."""
    from theodoi.demo.synthload import is_commune_plan, synthetic_plans

    provincial = [
        p for p in synthetic_plans() if not is_commune_plan(p) and p.province_id == province_id
    ]
    plan = provincial[0]
    indicator = plan.indicators.order_by("position")[5]
    task = plan.tasks.filter(confidential=False).order_by("position").first()
    assert task is not None
    agency = task.agencies.filter(organisation__isnull=False).first()
    assert agency is not None
    assert agency.organisation_id is not None
    from theodoi.snapshots.records import successors

    agency_id = successors({agency.organisation_id}, plan.published_at.date())[
        agency.organisation_id
    ]
    dashboard = f"/bang-dieu-khien/?ke_hoach={plan.pk}"
    return [
        ("floor", "public", FLOOR),
        ("portal front", "public", "/cong-khai/"),
        ("plan page", "public", f"/cong-khai/ke-hoach/{plan.pk}/"),
        ("plan page ?x=", "public", f"/cong-khai/ke-hoach/{plan.pk}/?x=1"),
        ("indicator page", "public", f"/cong-khai/ke-hoach/{plan.pk}/chi-tieu/{indicator.pk}/"),
        ("agency page", "public", f"/cong-khai/ke-hoach/{plan.pk}/co-quan/{agency_id}/"),
        ("floor", "leader", FLOOR),
        ("dashboard", "leader", dashboard),
        ("dashboard ?x=", "leader", dashboard + "&x=1"),
        ("province roll-up", "leader", "/bang-dieu-khien/tong-hop/"),
        ("people in charge", "leader", "/bang-dieu-khien/nguoi-phu-trach/"),
        ("floor", "national leader", FLOOR),
        ("nation", "national leader", "/bang-dieu-khien/toan-quoc/"),
        ("nation ?x=", "national leader", "/bang-dieu-khien/toan-quoc/?x=1"),
    ]


def measure(requests: int) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # --measure alone, run again on the same THEODOI_VAR_DIR, keeps the data set loaded.
    marker = Path(settings.VAR_DIR) / "bench-cached-loaded"
    if not marker.exists():
        load()
        marker.touch()
    floor_urls()
    clients = readers()
    from theodoi.orgs.models import Organisation

    province = Organisation.objects.filter(kind="province", successor__isnull=True).first()
    assert province is not None
    rows = []
    floor_ms = floor_cpu = 0.0
    for name, reader, url in pages(province.pk):
        client = clients[reader]
        first = time.perf_counter()
        response = client.get(url)
        first_ms = (time.perf_counter() - first) * 1000
        assert response.status_code == 200, (url, response.status_code)
        walls, cpus = [], []
        for _ in range(requests):
            started, cpu = time.perf_counter(), time.process_time()
            client.get(url)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        with CaptureQueriesContext(connection) as counted:
            client.get(url)
        ms = statistics.median(walls) * 1000
        cpu_ms = statistics.median(cpus) * 1000
        if name == "floor":
            floor_ms, floor_cpu = ms, cpu_ms
        rows.append(
            {
                "page": name,
                "reader": reader,
                "first_ms": first_ms,
                "ms": ms,
                "ratio": ms / floor_ms,
                "cpu_ms": cpu_ms,
                "cpu_ratio": cpu_ms / floor_cpu,
                "queries": len(counted.captured_queries),
            }
        )
    return {"rows": rows}


def run_backend(backend: str, requests: int) -> dict[str, Any]:
    var = Path(tempfile.mkdtemp(prefix=f"theodoi-bench-cached-{backend}-"))
    env = {**os.environ, "THEODOI_VAR_DIR": str(var), "DEBUG": "false", "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
            pg.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            pg.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    else:
        env.pop("DATABASE_URL", None)
    try:
        result: dict[str, Any] = figures_of(
            [sys.executable, __file__, "--measure", "--requests", str(requests)],
            env,
            what=backend,
            timeout=1800,
        )
        return result
    finally:
        shutil.rmtree(var, ignore_errors=True)
        if backend == "postgres":
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
                pg.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backend", action="append", choices=("sqlite", "postgres"))
    parser.add_argument("--requests", type=int, default=200, help="warm requests per page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.requests)))
        return
    for backend in args.backend or ["sqlite", "postgres"]:
        result = run_backend(backend, args.requests)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n== {backend} ({os.cpu_count()} cores, load {load}), {args.requests} requests")
        print(
            f"{'page':<18}{'reader':<17}{'first ms':>9}{'wall ms':>9}{'÷ floor':>8}"
            f"{'CPU ms':>8}{'÷ floor':>8}{'q':>4}"
        )
        for r in result["rows"]:
            print(
                f"{r['page']:<18}{r['reader']:<17}{r['first_ms']:>9.1f}{r['ms']:>9.2f}"
                f"{r['ratio']:>8.1f}{r['cpu_ms']:>8.2f}{r['cpu_ratio']:>8.1f}{r['queries']:>4}"
            )


if __name__ == "__main__":
    main()

"""Benchmark of the pages that read snapshots, on the synthetic national data set.

    .venv/bin/python bench/pages.py [--backend sqlite|postgres ...] [--seconds 5]

For each database: a fresh database, the organisation data, ``theodoi synth`` (34 provinces),
the time to rebuild every snapshot, then the app under gunicorn on loopback and ``wrk`` (Debian
package) against the staff dashboard and the workspace plan list (as a leader), a public plan
page and a public indicator page, at 1 and 20 concurrent clients, each run bounded to
``--seconds``. For the dashboard it also times the raw SQL the page runs (captured from one
request, replayed on a cursor) and prints the ratio of the page's median time to it, with its
body cached (what wrk measures) and rendered from the snapshot (both cache levels emptied, as
after a rebuild). Each page is also timed in-process (CPU and queries per warm request), figures
that a busy machine disturbs less.

Issue 5's targets: public pages p95 < 50 ms (cached), dashboard p95 < 150 ms at 20 clients,
rebuilding all snapshots < 30 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("PG_URL_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "theodoi_bench_pages"
TARGETS = {"public_p95_ms": 50.0, "dashboard_p95_ms": 150.0, "rebuild_s": 30.0}
# Pages read as the leader (with its session); the others as the public.
STAFF_PAGES = {"dashboard", "plan list"}
# wrk prints the percentiles we ask for, in microseconds, as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"p50": %d, "p95": %d, "requests": %d, "errors": %d}\\n',
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def prepare() -> dict[str, Any]:
    """Inside the benchmark's environment: load the data set, time the rebuild, find the URLs
    and a leader's session, and time the dashboard's raw SQL."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from theodoi.caching import forget_everything
    from theodoi.demo.synthload import is_commune_plan, synthetic_plans
    from theodoi.orgs.loading import load_organisations
    from theodoi.orgs.models import Organisation, Role
    from theodoi.orgs.services import grant_role
    from theodoi.snapshots.services import rebuild_snapshot

    now = timezone.now()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    load_organisations(by=None, now=now)
    started = time.perf_counter()
    call_command("synth", "--no-snapshots", stdout=open(os.devnull, "w"))  # noqa: SIM115
    load_seconds = time.perf_counter() - started
    plans = synthetic_plans()
    started, cpu = time.perf_counter(), time.process_time()
    for plan in plans:
        rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
    rebuild_seconds = time.perf_counter() - started
    rebuild_cpu = time.process_time() - cpu

    leader = User.objects.create_user("bench-leader", password="bench-leader-pw-1")
    grant_role(
        leader, Role.LEADER, Organisation.objects.filter(kind="province").first(), by=None, now=now
    )
    client = Client()
    client.force_login(leader)
    provincial = [p for p in plans if not is_commune_plan(p)]
    plan = provincial[len(provincial) // 2]
    indicator = plan.indicators.order_by("position")[5]
    urls = {
        "dashboard": f"/bang-dieu-khien/?ke_hoach={plan.pk}",
        "plan list": "/ke-hoach/",
        "plan page": f"/cong-khai/ke-hoach/{plan.pk}/",
        "indicator page": f"/cong-khai/ke-hoach/{plan.pk}/chi-tieu/{indicator.pk}/",
    }
    client.get(urls["dashboard"])  # warm
    warm_statements = data_statements(client, urls["dashboard"])
    # Cold: the body rendered from the snapshot, as after a rebuild; its data is what the
    # page shows, so its ratio is the one of rendering to fetching.
    cold_walls = []
    for _ in range(5):
        forget_everything()
        started = time.perf_counter()
        client.get(urls["dashboard"])
        cold_walls.append(time.perf_counter() - started)
    forget_everything()
    cold_statements = data_statements(client, urls["dashboard"])
    # Each page in-process, warm: wall and CPU time per request, less sensitive than wrk's
    # figures to whatever else the machine is running.
    in_process = {}
    public = Client()
    for name, url in urls.items():
        reader = client if name in STAFF_PAGES else public
        reader.get(url)
        walls, cpus = [], []
        for _ in range(20):
            wall, cpu = time.perf_counter(), time.process_time()
            assert reader.get(url).status_code == 200
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        with CaptureQueriesContext(connection) as counted:
            reader.get(url)
        in_process[name] = {
            "wall_ms": statistics.median(walls) * 1000,
            "cpu_ms": statistics.median(cpus) * 1000,
            "queries": len(counted.captured_queries),
        }
    return {
        "load_s": load_seconds,
        "rebuild_s": rebuild_seconds,
        "rebuild_cpu_s": rebuild_cpu,
        "plans": len(plans),
        "urls": urls,
        "session": client.cookies["sessionid"].value,
        "dashboard_queries": len(warm_statements),
        "dashboard_sql_ms": replay_ms(warm_statements),
        "dashboard_cold_queries": len(cold_statements),
        "dashboard_cold_sql_ms": replay_ms(cold_statements),
        "dashboard_cold_ms": statistics.median(cold_walls) * 1000,
        "in_process": in_process,
    }


def data_statements(client: Any, url: str) -> list[str]:
    """The SQL one request of ``url`` runs for its data (with its values in it, as the
    database backend logged it): its reads, less the session, login and cache bookkeeping."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    bookkeeping = ("django_session", "axes_", 'auth_user"', "theodoi_cache")
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and not any(t in q["sql"] for t in bookkeeping)
    ]


def replay_ms(statements: list[str]) -> float:
    """Median time of running ``statements`` on a bare cursor, fetching every row."""
    from django.db import connection

    timings = []
    for _ in range(50):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ready(url: str, seconds: float = 120) -> None:
    """Wait until gunicorn answers (its workers import Django after the port is open)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds:.0f} s")


def wrk(url: str, clients: int, seconds: int, cookie: str | None, script: Path) -> dict[str, Any]:
    command = [
        "wrk",
        f"-c{clients}",
        f"-t{min(clients, 2)}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    figures = json.loads(line)
    return {
        "p50_ms": figures["p50"] / 1000,
        "p95_ms": figures["p95"] / 1000,
        "requests": figures["requests"],
        "errors": figures["errors"],
    }


def run_backend(backend: str, seconds: int, workers: int) -> dict[str, Any]:
    var = Path(tempfile.mkdtemp(prefix=f"theodoi-bench-{backend}-"))
    env = {**os.environ, "THEODOI_VAR_DIR": str(var), "DEBUG": "false", "LOG_LEVEL": "WARNING"}
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
            pg.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            pg.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    else:
        env.pop("DATABASE_URL", None)
    preparing = subprocess.run(
        [sys.executable, __file__, "--prepare"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if preparing.returncode != 0:
        sys.exit(f"preparing the {backend} data set failed:\n{preparing.stderr[-3000:]}")
    prepared = json.loads(preparing.stdout.splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "theodoi.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    script = var / "percentiles.lua"
    script.write_text(WRK_SCRIPT)
    results: dict[str, Any] = {
        "prepared": prepared,
        "pages": {},
        "setup": f"gunicorn -w {workers} on 127.0.0.1, wrk -d{seconds}s per run",
    }
    try:
        base = f"http://127.0.0.1:{port}"
        ready(base + prepared["urls"]["plan page"])
        for name, path in prepared["urls"].items():
            cookie = prepared["session"] if name in STAFF_PAGES else None
            wrk(base + path, workers * 2, 3, cookie, script)  # warm every worker and the cache
            for clients in (1, 20):
                results["pages"][(name, clients)] = wrk(
                    base + path, clients, seconds, cookie, script
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)
        if backend == "postgres":
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
                pg.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
    return results


def report(backend: str, results: dict[str, Any]) -> None:
    p = results["prepared"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {backend}: {p['plans']} synthetic plans loaded in {p['load_s']:.1f} s")
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work shares the cores)")
    print(results["setup"])
    ok = "ok" if p["rebuild_s"] < TARGETS["rebuild_s"] else "OVER TARGET"
    limit = TARGETS["rebuild_s"]
    print(
        f"rebuild all snapshots: {p['rebuild_s']:.1f} s ({p['rebuild_cpu_s']:.1f} s CPU in the "
        f"app; target < {limit:.0f} s: {ok})"
    )
    print(f"{'page':<16}{'clients':>8}{'p50 ms':>9}{'p95 ms':>9}{'req':>8}{'err':>5}  target")
    for (name, clients), r in results["pages"].items():
        target = TARGETS["dashboard_p95_ms"] if name in STAFF_PAGES else TARGETS["public_p95_ms"]
        verdict = ("ok" if r["p95_ms"] < target else "OVER") if clients == 20 else ""
        print(
            f"{name:<16}{clients:>8}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['requests']:>8}"
            f"{r['errors']:>5}  {verdict}"
        )
    for name, r in p["in_process"].items():
        print(
            f"in process, warm: {name:<16} {r['wall_ms']:6.1f} ms wall, {r['cpu_ms']:6.1f} ms CPU,"
            f" {r['queries']} queries"
        )
    single = results["pages"][("dashboard", 1)]["p50_ms"]
    print(
        f"dashboard raw SQL, body cached: {p['dashboard_queries']} queries in "
        f"{p['dashboard_sql_ms']:.2f} ms; page p50 (1 client) / raw SQL = "
        f"{single / p['dashboard_sql_ms']:.1f}"
    )
    print(
        f"dashboard raw SQL, body rendered (cold cache): {p['dashboard_cold_queries']} queries "
        f"in {p['dashboard_cold_sql_ms']:.2f} ms; page {p['dashboard_cold_ms']:.1f} ms in process; "
        f"ratio {p['dashboard_cold_ms'] / p['dashboard_cold_sql_ms']:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=("sqlite", "postgres"))
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare()))
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    for backend in args.backend or ["sqlite", "postgres"]:
        started = time.monotonic()
        report(backend, run_backend(backend, args.seconds, args.workers))
        print(f"({backend}: {time.monotonic() - started:.0f} s in all)")


if __name__ == "__main__":
    main()

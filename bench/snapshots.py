"""Benchmark of the snapshots' cost as the country's data grows (issue 15).

    .venv/bin/python bench/snapshots.py [--backend sqlite|postgres ...] [--scale 1,10]
                                        [--accepts 20] [--smoke] [--data DIR]

For each database and scale: a fresh database, the organisation data, ``theodoi synth --scale N
--no-snapshots`` (its time, CPU and the process's peak resident memory), a rebuild of every
synthetic plan's snapshot for today (the nightly job's work), then ``--accepts`` submitted lead
updates of the latest rounds accepted one by one through ``accept_update`` as the plan's
coordinator: the time from the call to its return, when the plan's snapshot has been rebuilt
(``ResultsChanged`` after the commit), and whether the stored snapshot then equals the plan's
results judged from scratch. Then the ratios between the largest and the smallest scale.

Issue 15's bars: full rebuild at 10x / at 1x <= 10; after one accepted update its plan's
snapshot is current within 100 ms. Wall times move with the machine's load (other work shares
the cores): CPU times are printed beside them (the app's process only: on SQLite the database's
work is in it, on PostgreSQL it is not). ``--smoke`` runs a few plans of a few tasks at
each scale, in seconds, so that the bench never rots.

``--data DIR`` keeps each scale's database between runs (a 10x synth takes minutes of wall time
on a loaded machine): SQLite and the files in ``DIR/<backend>-<scale>/``, PostgreSQL in the database
``<--pg-name>_<scale>``. A kept database that already holds the synthetic plans is not
generated again (its synth figures are then absent); today's snapshots are deleted before the
rebuild is timed, so that every run stores them as the first one did.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("PG_URL_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "theodoi_bench_snapshots"
BARS = {"rebuild_ratio": 10.0, "accept_ms": 100.0}
# A data set of a few plans of a few tasks, whatever the scale (the shape keeps the scale's
# kinds: ministries, reporting communes, monthly rounds above 1).
SMOKE = (
    "--provinces=2",
    "--ministries=1",
    "--ministry-units=6",
    "--reporting-communes=4",
    "--tasks=8",
    "--indicators=3",
    "--rounds=4",
    "--communes=1",
    "--commune-tasks=3",
)


def measure(scale: int, accepts: int, smoke: bool) -> dict[str, Any]:
    """Inside the benchmark's environment: generate (unless the kept database holds the data
    already), rebuild everything, accept updates."""
    import resource

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    django.setup()
    from django.core.management import call_command

    from theodoi.startup import freeze_loaded

    freeze_loaded()  # as a gunicorn worker does once the application is loaded (wsgi.py)
    from django.utils import timezone

    from theodoi.demo.synthload import synthetic_plans
    from theodoi.orgs.loading import load_organisations
    from theodoi.reporting.models import Evidence, IndicatorValue, TaskUpdate
    from theodoi.snapshots.models import PlanSnapshot
    from theodoi.snapshots.services import rebuild_snapshot

    now = timezone.now()
    today = timezone.localdate(now)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    generated: dict[str, float] | None = None
    if not synthetic_plans():
        load_organisations(by=None, now=now)
        wall, cpu = time.perf_counter(), time.process_time()
        call_command(
            "synth",
            f"--scale={scale}",
            "--no-snapshots",
            *(SMOKE if smoke else ()),
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        generated = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
        generated["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    plans = synthetic_plans()
    PlanSnapshot.objects.filter(plan__in=plans, as_of=today).delete()
    rows = {
        "plans": len(plans),
        "updates": TaskUpdate.objects.count(),
        "figures": IndicatorValue.objects.count(),
        "evidence": Evidence.objects.count(),
    }
    wall, cpu = time.perf_counter(), time.process_time()
    for plan in plans:
        rebuild_snapshot(plan, as_of=today, now=now)
    rebuild = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
    latencies = _accept_latencies(
        [p for p in plans if p.province is not None and p.province.kind == "province"],
        accepts,
        today,
    )
    return {"scale": scale, "rows": rows, "generated": generated, "rebuild": rebuild, **latencies}


def _accept_latencies(plans: list[Any], accepts: int, today: Any) -> dict[str, Any]:
    """Accept submitted lead updates of the plans' latest rounds, one at a time, each by its
    plan's coordinator; the time each call takes (the snapshot is rebuilt before it returns)
    and whether the snapshot is then the plan's results judged from scratch."""
    from django.utils import timezone

    from theodoi.orgs.models import Membership, Role
    from theodoi.plans.models import AgencyRole
    from theodoi.reporting.models import ReviewState, TaskUpdate
    from theodoi.reporting.review import accept_update
    from theodoi.reporting.versions import latest_only
    from theodoi.snapshots.models import PlanSnapshot
    from theodoi.snapshots.records import evaluate_plan_at
    from theodoi.snapshots.services import digest_of

    waiting = list(
        latest_only(
            TaskUpdate.objects.filter(
                task__plan__in=plans, role=AgencyRole.LEAD, state=ReviewState.SUBMITTED
            )
        )
        .select_related("round__plan")
        .order_by("-round__deadline", "task__plan_id", "task_id")[: accepts * 4]
    )
    # Spread over the plans: the latest round's of each plan first.
    chosen: list[TaskUpdate] = []
    seen: set[int] = set()
    for update in waiting:
        if update.round.plan_id not in seen or len(seen) >= len(plans):
            chosen.append(update)
            seen.add(update.round.plan_id)
    chosen = (chosen + [u for u in waiting if u not in chosen])[:accepts]
    times, cpu, current = [], [], 0
    for update in chosen:
        plan = update.round.plan
        coordinator = (
            Membership.objects.filter(
                role=Role.COORDINATOR, scope_id=plan.province_id, user__username__startswith="mp."
            )
            .select_related("user")
            .first()
        )
        assert coordinator is not None
        started, used = time.perf_counter(), time.process_time()
        accept_update(update, by=coordinator.user, now=timezone.now())
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        snapshot = PlanSnapshot.objects.get(plan=plan, as_of=today)
        current += snapshot.digest == digest_of(evaluate_plan_at(plan, today))
    return {"accept_ms": times, "accept_cpu_ms": cpu, "accepts_current": current}


def run(
    backend: str, scale: int, accepts: int, smoke: bool, data: Path | None, pg_name: str
) -> dict[str, Any]:
    """One scale on one database, in a child process with its own settings; a fresh database
    unless ``data`` keeps them."""
    if data is None:
        var = Path(tempfile.mkdtemp(prefix="theodoi-bench-snapshots-"))
    else:
        var = data / f"{backend}-{scale}{'-smoke' if smoke else ''}"
        var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "THEODOI_VAR_DIR": str(var),
        "PYTHONPATH": str(ROOT / "src"),
        # As in production (and bench/pages.py): no query log, warnings only.
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    name = f"{pg_name}_{scale}{'_smoke' if smoke else ''}"
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
            kept = pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if data is None or not kept:
                pg.execute(f"DROP DATABASE IF EXISTS {name}")
                pg.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"
    try:
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--measure",
                str(scale),
                f"--accepts={accepts}",
                *(["--smoke"] if smoke else []),
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as failed:
        sys.exit(f"{backend} at scale {scale} failed:\n{failed.stderr[-4000:]}")
    finally:
        if data is None:
            _drop(backend, var, name)
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def _drop(backend: str, var: Path, name: str) -> None:
    shutil.rmtree(var, ignore_errors=True)
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
            pg.execute(f"DROP DATABASE IF EXISTS {name}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(backend: str, results: list[dict[str, Any]]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {backend} ({os.cpu_count()} cores, load average {load})")
    for r in results:
        rows, g, b = r["rows"], r["generated"], r["rebuild"]
        print(
            f"scale {r['scale']:>2}: {rows['plans']} plans, {rows['updates']:,} task updates, "
            f"{rows['figures']:,} figures, {rows['evidence']:,} evidence"
        )
        if g is None:
            print("  synth: the kept database's data")
        else:
            print(
                f"  synth: {g['wall_s']:.1f} s ({g['cpu_s']:.1f} s CPU), "
                f"peak RSS {g['peak_rss_mb']:.0f} MB"
            )
        print(
            f"  rebuild all snapshots: {b['wall_s']:.2f} s ({b['cpu_s']:.2f} s CPU), "
            f"{1000 * b['wall_s'] / rows['plans']:.1f} ms a plan"
        )
        times = r["accept_ms"]
        if times:
            p95 = percentile(times, 0.95)
            verdict = "ok" if p95 <= BARS["accept_ms"] else "OVER"
            print(
                f"  accept -> snapshot current: p50 {statistics.median(times):.1f} ms, "
                f"p95 {p95:.1f} ms over {len(times)} accepts, {r['accepts_current']} current "
                f"(bar p95 <= {BARS['accept_ms']:.0f} ms: {verdict})"
            )
            used = r["accept_cpu_ms"]
            print(
                f"  the same in the app's CPU: p50 {statistics.median(used):.1f} ms, "
                f"p95 {percentile(used, 0.95):.1f} ms"
            )
        else:
            print("  accept -> snapshot current: no submitted update to accept")
    low, high = results[0], results[-1]
    if high is not low:
        for kind in ("wall_s", "cpu_s"):
            ratio = high["rebuild"][kind] / low["rebuild"][kind]
            verdict = "ok" if ratio <= BARS["rebuild_ratio"] else "OVER"
            print(
                f"rebuild at {high['scale']}x / at {low['scale']}x ({kind[:-2]}): {ratio:.2f} "
                f"(bar <= {BARS['rebuild_ratio']:.0f}: {verdict}); task updates x"
                f"{high['rows']['updates'] / low['rows']['updates']:.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=("sqlite", "postgres"))
    parser.add_argument("--scale", default="1,10", help="scales, comma-separated (1 to 10)")
    parser.add_argument("--accepts", type=int, default=20, help="updates accepted one by one")
    parser.add_argument("--smoke", action="store_true", help="tiny data, a few seconds")
    parser.add_argument("--data", type=Path, help="keep the databases here and reuse them")
    parser.add_argument("--pg-name", default=PG_NAME, help="PostgreSQL databases' name prefix")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.accepts, args.smoke)))
        return
    scales = sorted(int(s) for s in args.scale.split(","))
    accepts = min(args.accepts, 5) if args.smoke else args.accepts
    for backend in args.backend or ["sqlite", "postgres"]:
        started = time.monotonic()
        results = [
            run(backend, scale, accepts, args.smoke, args.data, args.pg_name) for scale in scales
        ]
        report(backend, results)
        print(f"({backend}: {time.monotonic() - started:.0f} s in all)")


if __name__ == "__main__":
    main()

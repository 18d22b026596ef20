"""Benchmark of the snapshots' cost as the country's data grows (issue 15).

    .venv/bin/python bench/snapshots.py [--backend sqlite|postgres ...] [--scale 1,10]
                                        [--accepts 20] [--smoke] [--data DIR]

For each database and scale: a fresh database, the organisation data, ``theodoi synth --scale N
--no-snapshots`` (its time, CPU and the process's peak resident memory), a rebuild of every
synthetic plan's snapshot for today (the nightly job's work), then twice ``--accepts`` submitted
lead updates of the latest rounds accepted one by one through ``accept_update`` as the plan's
coordinator: the time until the plan's snapshot has been rebuilt (``ResultsChanged`` after the
commit) and stored, and whether it then equals the plan's results judged from scratch. Then the
ratios between the largest and the smallest scale.

Issue 15's bars: full rebuild at 10x / at 1x <= 10; after one accepted update its plan's
snapshot is current within 100 ms: from the call of ``accept_update`` to the commit of the
rebuilt snapshot, printed for a worker that evaluated the plan before (it reuses the
judgements it kept) and for a worker's first evaluation of it, with each step's time (read
records, evaluate, ranking, serialise, write, the review itself, the handlers after). Wall
times move with the machine's load (other work shares the cores): CPU times are printed
beside them (the app's process only: on SQLite the database's work is in it, on PostgreSQL
it is not). ``--smoke`` runs a few plans of a few tasks at
each scale, in seconds, so that the bench never rots.

``--data DIR`` keeps each scale's database between runs (a 10x synth takes minutes of wall time
on a loaded machine): SQLite and the files in ``DIR/<backend>-<scale>/``, PostgreSQL in the database
``<--pg-name>_<scale>``. A kept database that already holds the synthetic plans is not
generated again (its synth figures are then absent); today's snapshots are deleted before the
rebuild is timed, so that every run stores them as the first one did.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar

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
    from django.db import connection

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
        if connection.vendor == "postgresql":
            # As autovacuum does in a while after a bulk load: without statistics the planner
            # takes a plan's 500 task agencies for a few and scans the whole table for them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
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
    from theodoi.snapshots import records
    from theodoi.snapshots.models import PlanSnapshot
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
    chosen = (chosen + [u for u in waiting if u not in chosen])[: 2 * accepts]
    # A rebuild reuses the judgements its worker kept from evaluating the plan before (a tree
    # without snapshots.evaluate.forget_judgements keeps none): half the accepts come after
    # the plan was evaluated in this process, half in a worker that never evaluated it. After
    # each, the snapshot is compared with an evaluation that kept nothing.
    forget = getattr(import_module("theodoi.snapshots.evaluate"), "forget_judgements", None)
    found: dict[str, Any] = {}
    for mode, updates in (("warm", chosen[::2]), ("first", chosen[1::2])):
        current = 0
        phases = Phases()
        for update in updates:
            plan = update.round.plan
            coordinator = (
                Membership.objects.filter(
                    role=Role.COORDINATOR,
                    scope_id=plan.province_id,
                    user__username__startswith="mp.",
                )
                .select_related("user")
                .first()
            )
            assert coordinator is not None
            if forget is not None:
                forget()
            if mode == "warm":  # as its rebuild after an accept before did
                getattr(records, "evaluate_plan_text_at", records.evaluate_plan_at)(plan, today)
            with phases.timed():
                accept_update(update, by=coordinator.user, now=timezone.now())
            if forget is not None:
                forget()
            snapshot = PlanSnapshot.objects.get(plan=plan, as_of=today)
            current += snapshot.digest == digest_of(records.evaluate_plan_at(plan, today))
        found[mode] = {"current": current, **phases.figures()}
    return {"accepts": found}


class Phases:
    """The CPU and wall time of accepts, in ms, one figure per accept: until the plan's
    snapshot is stored (``rebuild_snapshot`` returned, its transaction committed; the handlers
    subscribed after it, the portal's and the webhooks', run later), until ``accept_update``
    returns, and each step's. The functions the steps call are wrapped where their callers
    look them up (each module's globals), in the bench's process only, while an accept runs.
    A step's figure leaves out the steps inside it, so that they add up to the accept's whole
    time; what no step took is the review's own work (its transaction)."""

    # (module, function, step): each step after the one it runs inside; a function a tree
    # does not have is left out.
    STEPS = (
        ("theodoi.reporting.events", "publish", "handlers"),
        ("theodoi.snapshots.services", "rebuild_snapshot", "write"),
        ("theodoi.snapshots.services", "evaluate_plan_at", "evaluate"),
        ("theodoi.snapshots.services", "evaluate_plan_text_at", "evaluate"),
        ("theodoi.snapshots.records", "read_records", "read records"),
        ("theodoi.snapshots.evaluate", "rank_agencies", "ranking"),
        ("theodoi.snapshots.services", "encoded", "serialise"),
        ("theodoi.snapshots.evaluate", "encoded", "serialise"),
        ("theodoi.snapshots.services", "_digest", "serialise"),
    )
    CLOCKS: ClassVar[dict[str, Any]] = {"cpu": time.process_time, "wall": time.perf_counter}

    def __init__(self) -> None:
        self.spent: dict[str, dict[str, list[float]]] = {clock: {} for clock in self.CLOCKS}
        self.within: dict[str, list[float]] = {clock: [] for clock in self.CLOCKS}
        self.whole: dict[str, list[float]] = {clock: [] for clock in self.CLOCKS}
        self._current: dict[str, dict[str, float]] = {}
        self._inner: list[dict[str, float]] = []
        self._stored: dict[str, float] = {}

    def figures(self) -> dict[str, Any]:
        return {"within": self.within, "whole": self.whole, "steps": self.spent}

    def _now(self) -> dict[str, float]:
        return {clock: read() for clock, read in self.CLOCKS.items()}

    def _wrap(self, function: Any, step: str) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(dict.fromkeys(self.CLOCKS, 0.0))
            started = self._now()
            try:
                return function(*args, **kwargs)
            finally:
                ended, inner = self._now(), self._inner.pop()
                for clock in self.CLOCKS:
                    spent = ended[clock] - started[clock]
                    self._inner[-1][clock] += spent
                    mine = self._current[clock]
                    mine[step] = mine.get(step, 0.0) + (spent - inner[clock]) * 1000
                if function.__name__ == "rebuild_snapshot":
                    self._stored = ended

        return timed

    @contextlib.contextmanager
    def timed(self) -> Any:
        """Around one accept: the steps' functions wrapped while it runs."""
        self._current = {clock: {} for clock in self.CLOCKS}
        self._inner = [dict.fromkeys(self.CLOCKS, 0.0)]
        self._stored = {}
        originals = []
        for module_name, name, step in self.STEPS:
            module = import_module(module_name)
            if not hasattr(module, name):  # another tree's code, as bench/digests.py runs
                continue
            originals.append((module, name, getattr(module, name)))
            setattr(module, name, self._wrap(getattr(module, name), step))
        started = self._now()
        try:
            yield
        finally:
            ended = self._now()
            for module, name, original in reversed(originals):
                setattr(module, name, original)
        assert self._stored, "accept_update returned before the plan's snapshot was rebuilt"
        for clock, steps in self._current.items():
            whole = (ended[clock] - started[clock]) * 1000
            self.whole[clock].append(whole)
            self.within[clock].append((self._stored[clock] - started[clock]) * 1000)
            steps["review"] = whole - sum(steps.values())
            for step, spent in steps.items():
                self.spent[clock].setdefault(step, []).append(spent)


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
        for mode, label in MODES.items():
            _report_accepts(label, r["accepts"][mode])
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


MODES = {
    "warm": "a worker that evaluated the plan before",
    "first": "a worker's first evaluation of the plan",
}


def _report_accepts(label: str, accepts: dict[str, Any]) -> None:
    """The "current within" figure of one kind of worker: from the call of accept_update to
    the commit of the plan's rebuilt snapshot; its wall time (the bar's) and the app's CPU
    time, which the other work on the machine moves less. Then until accept_update returns,
    and each step's figures."""
    within, whole, steps = accepts["within"], accepts["whole"], accepts["steps"]
    if not within["wall"]:
        print("  accept -> snapshot current: no submitted update to accept")
        return
    bar = BARS["accept_ms"]
    print(
        f"  accept -> snapshot current within, {label}: {len(within['wall'])} accepts, "
        f"{accepts['current']} equal to a full evaluation"
    )
    for clock, name in (("wall", "wall"), ("cpu", "CPU")):
        p95 = percentile(within[clock], 0.95)
        print(
            f"    {name:<4} p50 {statistics.median(within[clock]):6.1f} ms, p95 {p95:6.1f} ms "
            f"(bar p95 <= {bar:.0f} ms: {'ok' if p95 <= bar else 'OVER'}); accept_update "
            f"returns: p50 {statistics.median(whole[clock]):6.1f} ms, "
            f"p95 {percentile(whole[clock], 0.95):6.1f} ms"
        )
    for step, spent in steps["cpu"].items():
        wall = steps["wall"][step]
        print(
            f"      {step:<13} CPU p50 {statistics.median(spent):6.1f}, "
            f"p95 {percentile(spent, 0.95):6.1f} ms; wall p50 {statistics.median(wall):6.1f}, "
            f"p95 {percentile(wall, 0.95):6.1f} ms"
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

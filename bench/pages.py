"""Every page of theodoi against the framework's floor, on the synthetic national data set.

    .venv/bin/python bench/pages.py [--backend sqlite,postgres] [--scale 1,10] [--samples 20]
        [--seconds 5] [--workers 4] [--memory-requests 10000] [--json out.json] [--smoke]
        [--keep NAME] [--only REGEX] [--compare a.json b.json]

For each database and scale: a fresh database (PostgreSQL's named ``theodoi_bench_*``), the
organisations, ``theodoi synth`` and every snapshot rebuilt (timed); then, in process
(bench/walk.py), every route of the resolver as the role that reads it, each beside the floor
(bench/urls.py: a trivial view through the same middleware, session and database), and the
reporter's report POST beside a trivial POST; then under gunicorn (bench/serve.py) wrk at 1
and 20 clients on a few key pages, and a worker's resident memory after ``--memory-requests``
requests of the page mix. On PostgreSQL each page's slowest query is EXPLAINed.

Issue 15's bars, each a ratio measured in one run so that a busy machine cancels out: a cached
page ÷ floor ≤ 3; a cold render ÷ the raw SQL it needs ≤ 5; the report POST ÷ a trivial POST
≤ 5; with ``--scale 1,10``, every page's p95 at 10× ÷ at 1× ≤ 1.5 and the snapshot rebuild
≤ 10; a worker ≤ 300 MB.

``--smoke`` (scripts/test): a small data set on SQLite, every page requested once and its
figures printed, no gunicorn; exits 1 if a page answers 5xx, never on a figure.

Loading 10× takes long: ``--keep NAME`` loads each scale once and walks a copy of it on every
run (``--only`` a few routes, ``--seconds 0`` without wrk), and ``--compare`` prints the growth
table of runs saved with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: the repository's root, not bench/, on the path
    sys.path[0] = str(ROOT)

from bench import serve  # noqa: E402
from bench.child import figures_of  # noqa: E402
from bench.report import print_growth, print_memory, print_walk, print_wrk  # noqa: E402

PG_SERVER = os.environ.get("PG_URL_SERVER", "postgres://postgres@127.0.0.1:5432")
# A small data set: two provinces, each with one commune plan.
SMOKE_SYNTH = ["--provinces", "2", "--tasks", "12", "--indicators", "6", "--rounds", "2"]
SMOKE_SYNTH += ["--communes", "1", "--commune-tasks", "4"]
# In a kept database's directory: the synth options it was built with and its load figures.
LOADED = "loaded.json"


def synth_args(scale: int) -> list[str]:
    """``theodoi synth``'s options for ``scale`` times the national data set: its --scale
    where it has one, else ``scale`` times the rounds (the data that grows with time)."""
    helped = subprocess.run(
        [str(Path(sys.executable).parent / "theodoi"), "synth", "--help"],
        capture_output=True,
        text=True,
    ).stdout
    if "--scale" in helped:
        return ["--scale", str(scale)]
    return [] if scale == 1 else ["--rounds", str(10 * scale)]


def environment(var: Path, database: str | None) -> dict[str, str]:
    python_path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join(python_path),
        "THEODOI_VAR_DIR": str(var),
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        # The bench measures the API's pages, not its throttle (which still runs).
        "API_RATE_ANONYMOUS": "1000000/minute",
        "API_RATE_SIGNED_IN": "1000000/minute",
    }
    if database:
        env["DATABASE_URL"] = database
    return env


def psycopg_connection() -> Any:
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def postgres(name: str, *, create: bool) -> str:
    with psycopg_connection() as pg:
        pg.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            pg.execute(f"CREATE DATABASE {name}")
    return f"{PG_SERVER}/{name}"


def in_process(env: dict[str, str], backend: str, options: dict[str, Any]) -> dict[str, Any]:
    """What ``--prepare`` prints, run in the benchmark's environment ``env``."""
    found: dict[str, Any] = figures_of(
        [sys.executable, "-m", "bench.pages", "--prepare", json.dumps(options)],
        env,
        what=f"the {backend} run",
        timeout=7200,
    )
    return found


def kept(name: str, backend: str, scale: int) -> tuple[Path, str]:
    """The directory and the PostgreSQL database of ``--keep NAME``'s data set."""
    return (
        Path(tempfile.gettempdir()) / f"theodoi-bench-{name}-{backend}-{scale}",
        f"theodoi_bench_{name}_{scale}",
    )


def kept_data_set(backend: str, scale: int, synth: list[str], name: str) -> dict[str, Any]:
    """The data set of ``--keep NAME`` at ``scale``, loaded the first time and kept (its
    directory, its PostgreSQL database and the load's figures), the same options reusing it."""
    var, database = kept(name, backend, scale)
    loaded = var / LOADED
    if loaded.exists() and json.loads(loaded.read_text())["synth"] == synth:
        return {**json.loads(loaded.read_text())["loaded"], "reused": True}
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir()
    url = postgres(database, create=True) if backend == "postgres" else None
    figures = in_process(environment(var, url), backend, {"synth": synth, "load_only": True})
    loaded.write_text(json.dumps({"synth": synth, "loaded": figures}))
    return {**figures, "reused": False}


def run(
    backend: str,
    scale: int,
    args: argparse.Namespace,
    done: list[dict[str, Any]],
    save: Callable[[list[dict[str, Any]]], None],
) -> dict[str, Any]:
    synth = args.synth or synth_args(scale)
    started = time.monotonic()
    loaded = kept_data_set(backend, scale, synth, args.keep) if args.keep else None
    var = Path(tempfile.mkdtemp(prefix=f"theodoi-bench-{backend}-"))
    # BENCH_PG_NAME: a run of its own beside another on the same server.
    name = f"{os.environ.get('BENCH_PG_NAME', 'theodoi_bench_pages')}_{scale}"
    if loaded is not None:
        # The walk writes (its accounts, the report POST): on a copy, so each walk of a kept
        # data set reads the data as it was loaded.
        directory, template = kept(args.keep, backend, scale)
        shutil.copytree(directory, var, dirs_exist_ok=True)
        name = f"{template}_walk{os.getpid()}"  # runs side by side each walk their own
        if backend == "postgres":
            postgres(name, create=False)
            with psycopg_connection() as pg:
                pg.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    database = None
    if backend == "postgres":
        database = f"{PG_SERVER}/{name}" if loaded is not None else postgres(name, create=True)
    env = environment(var, database)
    try:
        options = {"synth": synth, "samples": args.samples, "loaded": loaded, "only": args.only}
        results = in_process(env, backend, options)
        results.update(backend=backend, scale=scale)
        # Each part printed and kept as soon as it is measured: a long run shows its figures
        # as it goes, and a run stopped early keeps them.
        print_walk(results)
        save([*done, results])
        if not args.smoke and args.seconds:
            results["wrk"] = serve.under_load(env, results, args.seconds, args.workers, var)
            print_wrk(results)
            save([*done, results])
        if not args.smoke and args.memory_requests:
            results["memory"] = serve.memory(env, results, args.memory_requests, 4)
            print_memory(results)
    finally:
        shutil.rmtree(var, ignore_errors=True)
        if backend == "postgres":
            postgres(name, create=False)
    results["seconds"] = time.monotonic() - started
    return results


def prepare(options: str) -> None:
    import django

    django.setup()
    from bench.walk import prepare as walk

    given = json.loads(options)
    if given.get("load_only"):
        from bench.walk import load_data_set

        print(json.dumps(load_data_set(given["synth"])))
        return
    print(json.dumps(walk(given["synth"], given["samples"], given["loaded"], given["only"])))


def compare(files: list[Path]) -> None:
    """The growth table of each backend's runs in ``files``, smallest scale first."""
    runs = [run for file in files for run in json.loads(file.read_text())]
    for backend in dict.fromkeys(r["backend"] for r in runs):
        at_scale = sorted((r for r in runs if r["backend"] == backend), key=lambda r: r["scale"])
        if len(at_scale) > 1:
            print_growth(at_scale)


def listed(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", type=listed, default=["sqlite", "postgres"])
    parser.add_argument("--scale", type=lambda s: [int(x) for x in listed(s)], default=[1])
    parser.add_argument("--samples", type=int, default=20, help="warm requests of each page")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers under wrk")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--smoke", action="store_true", help="small data, every page once")
    parser.add_argument("--synth", type=str.split, help="theodoi synth's options, not the scale's")
    parser.add_argument(
        "--keep",
        metavar="NAME",
        help="load each scale's data set once and keep it (PostgreSQL's "
        "theodoi_bench_NAME_<scale>, "
        "files and SQLite's in <tmp>/theodoi-bench-NAME-<backend>-<scale>/) for the next run "
        "with NAME and the same synth options; each walk reads a copy",
    )
    parser.add_argument("--only", metavar="REGEX", help="walk only the routes it matches")
    parser.add_argument(
        "--compare",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="measure nothing: the growth between the runs in these --json files, by backend",
    )
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare)
        return
    if args.compare:
        compare(args.compare)
        return
    if args.smoke:
        args.backend, args.scale, args.samples, args.synth = ["sqlite"], [1], 1, SMOKE_SYNTH
    unknown = set(args.backend) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown backend {', '.join(sorted(unknown))}")
    if not args.smoke and args.seconds and shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    runs: list[dict[str, Any]] = []

    def save(figures: list[dict[str, Any]]) -> None:
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))

    for backend in args.backend:
        at_scale: list[dict[str, Any]] = []
        for scale in args.scale:
            at_scale.append(run(backend, scale, args, runs + at_scale, save))
        if len(at_scale) > 1:
            print_growth(at_scale)
        runs += at_scale
    save(runs)
    errors = [
        f"{r['backend']} {p['route']} ({p['url']}): {p.get('error') or p['status']}"
        for r in runs
        for p in r["pages"]
        if p.get("status", 0) >= 500
    ]
    if errors:
        sys.exit("pages that answered 5xx:\n" + "\n".join(errors))


if __name__ == "__main__":
    main()

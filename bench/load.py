"""A bounded load run against theodoi under gunicorn with production settings, on loopback.

    .venv/bin/python bench/load.py [--clients 20] [--seconds 30] [--workers 4] [--postgres]

A fresh installation in a temporary folder (``load_demo`` with the seed plans, a reporting
round open), gunicorn on a free port of 127.0.0.1 (``gunicorn.conf.py``, THEODOI_ENV=production),
then ``--clients`` clients for ``--seconds`` seconds, each on its own keep-alive connection, in
three kinds: the public (the plan list, a plan page, an indicator page), a leader reading the
dashboard, and a reporter saving a draft of its task (the form's GET for the version and the
CSRF token, then the POST, answered by a redirect). Every request is bounded by a 30 s timeout
and the run stops at its deadline. Prints requests, rate, latency p50/p95/max and the count of
5xx and of other unexpected statuses per kind; exits 1 if any answer was a 5xx. Issue 10's bar:
20 clients, 30 s, no 5xx.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("PG_URL_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "theodoi_bench_load"
TIMEOUT = 30

PREPARE = """
import datetime, json
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from theodoi.orgs.models import Membership, Role
from theodoi.plans.models import AgencyRole, Plan, PlanStatus
from theodoi.reporting.models import ReportingRound, RoundState
from theodoi.reporting.rounds import open_round
from theodoi.reporting.worklist import agency_tasks
now = timezone.now()
coordinator = Membership.objects.filter(role=Role.COORDINATOR).first().user
leader = Membership.objects.filter(role=Role.LEADER).first().user
best = None
for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED):
    round_ = ReportingRound.objects.filter(plan=plan, state=RoundState.OPEN).first() or open_round(
        plan, title="Kỳ báo cáo đo tải", period_start=now.date() - datetime.timedelta(days=90),
        period_end=now.date() + datetime.timedelta(days=30), cut_off=now.date(),
        deadline=now + datetime.timedelta(days=30), by=coordinator, now=now)
    for m in Membership.objects.filter(role=Role.REPORTER).select_related("user", "organisation"):
        items = agency_tasks(round_, m.organisation)
        tasks = [i.task.pk for i in items if i.role == AgencyRole.LEAD]
        if best is None or len(tasks) > len(best[2]):
            best = (round_.pk, m.user, tasks, plan.pk)
round_id, reporter, tasks, plan_id = best
indicator = Plan.objects.get(pk=plan_id).indicators.order_by("pk").first()
def session(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
print(json.dumps({
    "public": ["/cong-khai/", f"/cong-khai/ke-hoach/{plan_id}/"]
              + ([f"/cong-khai/ke-hoach/{plan_id}/chi-tieu/{indicator.pk}/"] if indicator else []),
    "dashboard": "/bang-dieu-khien/",
    "tasks": [f"/ky-bao-cao/{round_id}/nhiem-vu/{t}/" for t in tasks],
    "leader": session(leader), "reporter": session(reporter),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def theodoi(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "theodoi"), *args], env=env, capture_output=True, text=True, timeout=1800
    )
    if done.returncode != 0:
        sys.exit(f"theodoi {' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


class Visitor:
    """One client: a keep-alive connection and its cookies."""

    def __init__(self, port: int, session: str | None) -> None:
        self.port = port
        self.cookies = {"sessionid": session} if session else {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            return 0, ""
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text


def run(urls: dict[str, Any], port: int, clients: int, seconds: float) -> dict[str, list[Any]]:
    results: dict[str, list[Any]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def note(kind: str, status: int, started: float, expected: set[int]) -> None:
        with lock:
            results[kind].append((time.perf_counter() - started, status, status in expected))

    def public(n: int) -> None:
        visitor, pages = Visitor(port, None), urls["public"]
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = visitor.request("GET", pages[n % len(pages)])
            note("public pages", status, started, {200})
            n += 1

    def dashboard(n: int) -> None:
        visitor = Visitor(port, urls["leader"])
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = visitor.request("GET", urls["dashboard"])
            note("dashboard", status, started, {200})

    def report(n: int) -> None:
        visitor, path = Visitor(port, urls["reporter"]), urls["tasks"][n % len(urls["tasks"])]
        while time.monotonic() < deadline:
            status, page = visitor.request("GET", path)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            version = re.search(r'name="based_on" value="(\d+)"', page)
            if status != 200 or not token or not version:
                note("report form", status, time.perf_counter(), set())
                continue
            form = (
                f"csrfmiddlewaretoken={token.group(1)}&based_on={version.group(1)}"
                f"&status=in_progress&progress={secrets.randbelow(100)}&results=Đo+tải&action=save"
            )
            started = time.perf_counter()
            status, _ = visitor.request("POST", path, form.encode())  # type: ignore[arg-type]
            note("report POST", status, started, {302})

    kinds = [report, dashboard, public, public]
    threads = [threading.Thread(target=kinds[i % 4], args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT + 10)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="theodoi-bench-load-"))
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "THEODOI_ENV": "production",
        "THEODOI_VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{var / 'theodoi.sqlite3'}",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "theodoi@bench.invalid",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }
    if args.postgres:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as pg:
            pg.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            pg.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    server = None
    try:
        started = time.monotonic()
        for command in (
            ["migrate", "-v0"],
            ["createcachetable"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            theodoi(env, *command)
        theodoi(env, "load_demo", "--seeds", str(SEEDS))
        urls = json.loads(theodoi(env, "shell", "-c", PREPARE).splitlines()[-1])
        print(
            f"prepared in {time.monotonic() - started:.0f} s: {len(urls['tasks'])} tasks to report"
        )
        port = free_port()
        log = (var / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "theodoi.wsgi"],
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": str(args.workers),
            },
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        probe = Visitor(port, None)
        ready = time.monotonic() + 60
        while probe.request("GET", "/cong-khai/")[0] != 200:
            if time.monotonic() > ready:
                sys.exit("gunicorn did not answer within 60 s")
            time.sleep(0.5)
        results = run(urls, port, args.clients, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
            # What a server error was, before the folder goes: the exception lines of the log.
            errors = [
                line
                for line in (var / "gunicorn.log").read_text(errors="replace").splitlines()
                if re.match(r"^[\w.]+(Error|Exception)\b", line)
            ]
            for line, count in sorted(Counter(errors).items()):
                print(f"server log: {count} x {line[:300]}")
        shutil.rmtree(var, ignore_errors=True)
    report(results, args)
    if any(status >= 500 for rows in results.values() for _t, status, _ok in rows):
        sys.exit(1)


def report(results: dict[str, list[Any]], args: argparse.Namespace) -> None:
    database = "PostgreSQL" if args.postgres else "SQLite"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.clients} clients, {args.seconds:.0f} s, gunicorn -w {args.workers}, production "
        f"settings, {database}; {os.cpu_count()} cores, load average {load}"
    )
    print(
        f"{'kind':<14}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{'5xx':>6}{'other':>7}"
    )
    for kind, rows in sorted(results.items()):
        times = sorted(t * 1000 for t, _s, _ok in rows)
        p95 = times[int(0.95 * (len(times) - 1))]
        server = sum(1 for _t, status, _ok in rows if status >= 500)
        other = sum(1 for _t, status, ok in rows if not ok and status < 500)
        print(
            f"{kind:<14}{len(rows):>9}{len(rows) / args.seconds:>8.1f}"
            f"{statistics.median(times):>9.1f}{p95:>9.1f}{times[-1]:>9.1f}{server:>6}{other:>7}"
        )


if __name__ == "__main__":
    main()

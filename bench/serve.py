"""The app under gunicorn on loopback: wrk's latency at 1 and 20 clients, and the resident
memory of a worker after a run of mixed requests.

gunicorn starts with the project's ``gunicorn.conf.py`` (its ``max_requests`` included) and
``DJANGO_SETTINGS_MODULE=bench.settings``, so the floor is served beside the pages."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# wrk prints the percentiles we ask for, in microseconds, as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"p50": %d, "p95": %d, "requests": %d, "errors": %d}\\n',
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


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


@contextmanager
def gunicorn(env: dict[str, str], workers: int, **settings: str) -> Iterator[tuple[str, int]]:
    """The base URL and the master's pid of a gunicorn serving the bench's settings."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "theodoi.wsgi"],
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            **settings,
        },
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ready(base + "/bench/floor/")
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=60)


def wrk(url: str, clients: int, seconds: int, cookie: str | None, script: Path) -> dict[str, Any]:
    command = ["wrk", f"-c{clients}", f"-t{min(clients, 2)}", f"-d{seconds}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    done = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("{"))
    figures = json.loads(line)
    return {
        "p50_ms": figures["p50"] / 1000,
        "p95_ms": figures["p95"] / 1000,
        "requests": figures["requests"],
        "errors": figures["errors"],
    }


def under_load(
    env: dict[str, str], prepared: dict[str, Any], seconds: int, workers: int, var: Path
) -> dict[str, Any]:
    script = var / "percentiles.lua"
    script.write_text(WRK_SCRIPT)
    results: dict[str, Any] = {"setup": f"gunicorn -w {workers}, wrk -d{seconds}s per run"}
    with gunicorn(env, workers) as (base, _pid):
        for label, (path, role) in prepared["under_load"].items():
            cookie = prepared["sessions"].get(role)
            wrk(base + path, workers * 2, 2, cookie, script)  # every worker and cache warm
            results[label] = {
                str(clients): wrk(base + path, clients, seconds, cookie, script)
                for clients in (1, 20)
            }
    return results


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def resident_mb(pid: int) -> float:
    """VmRSS of a process, in MB (0 if it has gone: a worker being replaced)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def memory(
    env: dict[str, str], prepared: dict[str, Any], requests: int, clients: int
) -> dict[str, Any]:
    """``requests`` requests of the page mix (every page that answered 200, as its role) on
    one worker, recycling off so that the one worker serves them all: its resident memory
    before, at its highest, and after. The project's ``max_requests`` replaces a worker long
    before; this is the figure without that help."""
    mix = [
        (page["path"], prepared["sessions"].get(page["role"]))
        for page in prepared["pages"]
        if page.get("status") == 200
    ]
    statuses: Counter[int] = Counter()
    refused: Counter[str] = Counter()
    lock = threading.Lock()
    with gunicorn(env, 1, GUNICORN_MAX_REQUESTS="0") as (base, master):
        port = int(base.rsplit(":", 1)[1])
        (worker,) = workers_of(master)
        before = resident_mb(worker)
        highest = before
        turn = iter(range(requests))

        def visit() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for n in turn:
                path, session = mix[n % len(mix)]
                headers = {"Cookie": f"sessionid={session}"} if session else {}
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    status = 0
                with lock:
                    statuses[status] += 1
                    if status != 200:
                        refused[f"{status} {path}"] += 1

        threads = [threading.Thread(target=visit) for _ in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        told = started
        while any(t.is_alive() for t in threads):
            highest = max(highest, resident_mb(worker))
            if time.monotonic() - told > 60:  # a long run says how far it is
                told = time.monotonic()
                served = sum(statuses.values())
                print(
                    f"memory: {served} of {requests} requests, worker {highest:.0f} MB at most",
                    file=sys.stderr,
                    flush=True,
                )
            time.sleep(0.2)
        after = resident_mb(worker)
        still = workers_of(master) == [worker]
    return {
        "requests": requests,
        "pages_in_mix": len(mix),
        "seconds": time.monotonic() - started,
        "statuses": dict(sorted(statuses.items())),
        "not_200": dict(refused.most_common(5)),
        "before_mb": before,
        "highest_mb": max(highest, after),
        "after_mb": after,
        "same_worker": still,
    }

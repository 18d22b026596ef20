"""The production server recycles its workers: gunicorn started with the project's
gunicorn.conf.py replaces a worker after its share of requests, so memory one large upload
took is given back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_gunicorn_recycles_a_worker_after_its_requests(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_MAX_REQUESTS": "3",
        "GUNICORN_MAX_REQUESTS_JITTER": "1",
        "THEODOI_VAR_DIR": str(tmp_path),
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "theodoi.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        served = 0
        deadline = time.monotonic() + 60
        while served < 10 and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/static/theodoi/site.css", timeout=10
                ) as response:
                    served += response.status == 200
            except OSError:
                time.sleep(0.2)  # starting, or a worker being replaced
        assert served == 10
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Autorestarting worker after current request" in log.read_text()

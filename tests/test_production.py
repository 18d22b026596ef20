"""Starting theodoi with production settings, as IT staff do: ``check --deploy`` is clean, a
missing variable stops the start in one line naming it, and a request for a foreign host is a
400 logged in one line, under gunicorn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
HOST = "theodoi.skhcn.dongthap.gov.vn"


@pytest.fixture
def production(tmp_path: Path) -> dict[str, str]:
    """The environment the README's Production section asks for, on SQLite in ``tmp_path``."""
    keep = {"PATH", "HOME", "LANG", "PYTHONPATH"}
    return {
        **{name: value for name, value in os.environ.items() if name in keep},
        "THEODOI_ENV": "production",
        "THEODOI_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "k8Vq2-" + "x7Lp9Zr4Wm3Tn6Yb1Hc5Jd8Fg0Ks2Qe7Uv4Ai9Ow3Ry6" * 2,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'theodoi.sqlite3'}",
        "EMAIL_HOST": "mail.dongthap.gov.vn",
        "DEFAULT_FROM_EMAIL": "theodoi@skhcn.dongthap.gov.vn",
    }


def theodoi(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "theodoi"), *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_production_settings_gives_no_warning(
    production: dict[str, str],
) -> None:
    result = theodoi(production, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        ("SECRET_KEY",),
        ("ALLOWED_HOSTS", "DATABASE_URL"),
        # The README calls the mail settings required: without them no notice would go out.
        ("EMAIL_HOST",),
        ("DEFAULT_FROM_EMAIL",),
    ],
)
def test_a_missing_variable_stops_the_start_in_one_line_naming_it(
    production: dict[str, str], missing: tuple[str, ...]
) -> None:
    env = {name: value for name, value in production.items() if name not in missing}
    result = theodoi(env, "check")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("theodoi: Thiếu biến môi trường")
    assert all(name in lines[0] for name in missing)


def test_gunicorn_refuses_to_start_in_one_line_without_a_variable(
    production: dict[str, str],
) -> None:
    env = {name: value for name, value in production.items() if name != "SECRET_KEY"}
    result = subprocess.run(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "theodoi.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{free_port()}"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "theodoi: Thiếu biến môi trường SECRET_KEY (README, mục Production)."
    ]


def test_a_sender_address_that_is_not_an_address_is_named(production: dict[str, str]) -> None:
    result = theodoi({**production, "DEFAULT_FROM_EMAIL": "Sở KH&CN"}, "check")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "theodoi: DEFAULT_FROM_EMAIL: 'Sở KH&CN' không phải địa chỉ thư "
        "(ví dụ theodoi@skhcn.dongthap.gov.vn)."
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def gunicorn(production: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """gunicorn with production settings on a free loopback port: its address and its log."""
    assert theodoi(production, "migrate", "-v0").returncode == 0
    # As the README deploys it: the front page is cached, in the database without Redis.
    assert theodoi(production, "createcachetable").returncode == 0
    assert theodoi(production, "collectstatic", "--noinput", "-v0").returncode == 0
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {**production, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "theodoi.wsgi"],
            env={**env, "SECURE_SSL_REDIRECT": "false"},
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while status(base + "/cong-khai/", HOST) != 200:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def status(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


@pytest.mark.slow
def test_a_foreign_host_gets_400_and_one_log_line_each_time(
    gunicorn: tuple[str, Path],
) -> None:
    base, log = gunicorn
    for path in ("/cong-khai/", "/", "/dang-nhap/"):
        assert status(base + path, "evil.example.com") == 400
    text = log.read_text()
    assert "Traceback" not in text
    assert text.count("Invalid HTTP_HOST header: 'evil.example.com'") == 3
    assert status(base + "/cong-khai/", HOST) == 200

"""Backing up a loaded installation with evidence and restoring it on a fresh one, as IT staff
moving to a new server do: every table's rows and every file's checksum come back, a damaged
archive or a database already in use is refused, and nothing is written when refused.

Each installation is its own folder (``THEODOI_VAR_DIR``: SQLite database and uploads) driven
through the ``theodoi`` command; the restored one is on PostgreSQL too when the tests run there.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.db import connection

from tests.builders import GOLD

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

LOAD = f"""
import datetime
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files import File
from theodoi.orgs.loading import load_organisations
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import AgencyRole
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, save_draft, submit_update
from theodoi.reporting.worklist import agency_tasks
now = datetime.datetime(2026, 5, 10, 9, 0, tzinfo=datetime.UTC)
load_organisations(by=None, now=now)
coordinator = User.objects.create_user("daumoi", password="mật-khẩu-thử-nghiệm-1")
sokhcn = Organisation.objects.get(code="dong-thap--so-khoa-hoc-cong-nghe")
grant_role(coordinator, Role.COORDINATOR, sokhcn, by=None, now=now)
reporter = User.objects.create_user("sokhcn", password="mật-khẩu-thử-nghiệm-1")
grant_role(reporter, Role.REPORTER, sokhcn, by=coordinator, now=now)
with open({str(GOLD / "004_aea82470e0b2daef.json")!r}, "rb") as handle:
    draft = stage_import(File(handle, name="004.json"), by=coordinator, now=now)
plan = publish_import(draft, by=coordinator, now=now, confirm_empty=True)
round_ = open_round(plan, title="Báo cáo 6 tháng đầu năm 2026",
    period_start=datetime.date(2025, 11, 15), period_end=datetime.date(2026, 5, 31),
    cut_off=datetime.date(2026, 5, 15),
    deadline=datetime.datetime(2026, 5, 31, 17, tzinfo=datetime.UTC), by=coordinator, now=now)
items = [i for i in agency_tasks(round_, sokhcn) if i.role == AgencyRole.LEAD][:3]
for n, item in enumerate(items):
    content = UpdateContent("in_progress", 40 + n, results="Đã trình dự thảo.")
    save_draft(round_, item.task, content, by=reporter, based_on=0, now=now)
    submit_update(round_, item.task, content, by=reporter, based_on=1, now=now)
    for k in range(2):
        pdf = ContentFile({PDF!r} + bytes([n, k]), name=f"bien-ban-{{n}}-{{k}}.pdf")
        attach_evidence(round_, item.task, pdf, by=reporter, now=now)
"""

# Every row (and many-to-many link) of every model an archive holds, through the ORM, so SQLite's
# 0/1 and PostgreSQL's booleans read alike; content types and permissions, which each ``migrate``
# numbers its own way, by their natural keys. And the SHA-256 of every file in storage.
SNAPSHOT = """
import hashlib, json
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from theodoi.backup.archive import backed_up_models, stored_files
NATURAL = (ContentType, Permission)
def natural(model, pk):
    return model._default_manager.get(pk=pk).natural_key() if pk is not None else None
rows = {}
for m in backed_up_models():
    keyed = {f.attname: f.related_model for f in m._meta.concrete_fields
             if f.is_relation and f.related_model in NATURAL}
    many = [f for f in m._meta.many_to_many]
    out = []
    for obj in m._default_manager.order_by("pk"):
        row = {f.attname: getattr(obj, f.attname) for f in m._meta.concrete_fields}
        for name, model in keyed.items():
            row[name] = natural(model, row[name])
        for f in many:
            related = getattr(obj, f.name).all()
            row[f.name] = sorted(
                r.natural_key() if isinstance(r, NATURAL) else r.pk for r in related)
        out.append(row)
    rows[m._meta.label] = out
files = {}
for name in stored_files():
    with default_storage.open(name, "rb") as f:
        files[name] = hashlib.sha256(f.read()).hexdigest()
print(json.dumps({"rows": rows, "files": files}, default=str, ensure_ascii=False))
"""


def installation(folder: Path, database: str | None = None) -> dict[str, str]:
    folder.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(THEODOI_VAR_DIR=str(folder), PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    if database:
        env["DATABASE_URL"] = database
    return env


def theodoi(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "theodoi"), *args],
        env=env,
        cwd=env["THEODOI_VAR_DIR"],
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(env: dict[str, str]) -> dict[str, dict[str, object]]:
    result = theodoi(env, "shell", "-c", SNAPSHOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def backed_up(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, dict[str, object]]]:
    """A loaded installation backed up: the archive and what the installation held."""
    folder = tmp_path_factory.mktemp("source")
    env = installation(folder / "var")
    for command in (["migrate", "-v0"], ["shell", "-c", LOAD]):
        result = theodoi(env, *command)
        assert result.returncode == 0, result.stderr
    archive = folder / "theodoi.tar.gz"
    result = theodoi(env, "backup", str(archive))
    assert result.returncode == 0, result.stderr
    assert "SECRET_KEY" in result.stdout
    return archive, snapshot(env)


@pytest.fixture
def target(tmp_path: Path) -> dict[str, str]:
    """A fresh installation: on PostgreSQL when the tests run there, else SQLite."""
    if connection.vendor != "postgresql":
        return installation(tmp_path / "var")
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"theodoi_restore_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as pg:
        pg.execute(f"DROP DATABASE IF EXISTS {name}")
        pg.execute(f"CREATE DATABASE {name}")
    return installation(tmp_path / "var", f"{server}/{name}")


@pytest.mark.slow
def test_a_restored_installation_holds_every_row_and_every_file_of_the_backup(
    backed_up: tuple[Path, dict[str, dict[str, object]]], target: dict[str, str]
) -> None:
    archive, source = backed_up
    assert len(source["files"]) >= 6  # the evidence, and the imported plan's file
    result = theodoi(target, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    restored = snapshot(target)
    assert restored["files"] == source["files"]
    assert restored["rows"].keys() == source["rows"].keys()
    for label, rows in source["rows"].items():
        assert restored["rows"][label] == rows, label
    # The restored installation works: its reporter's files are where the rows say.
    assert theodoi(target, "check").returncode == 0


@pytest.mark.slow
def test_a_damaged_archive_or_a_database_in_use_is_refused_and_nothing_is_written(
    backed_up: tuple[Path, dict[str, dict[str, object]]], target: dict[str, str], tmp_path: Path
) -> None:
    archive, source = backed_up
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as original, tarfile.open(damaged, "w:gz") as copy:
        flipped = False
        for member in original.getmembers():
            data = original.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("files/") and not flipped:
                data, flipped = data[:-1] + bytes([data[-1] ^ 1]), True
            copy.addfile(member, io.BytesIO(data))
    result = theodoi(target, "restore", str(damaged))
    assert result.returncode != 0
    assert "SHA-256" in result.stderr
    assert "bị hỏng" in result.stderr
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_bytes(gzip.compress(b"not a tar"))
    assert "không phải tệp sao lưu" in theodoi(target, "restore", str(not_an_archive)).stderr
    assert not (Path(target["THEODOI_VAR_DIR"]) / "media").exists()

    # An installation already in use: its rows stay as they are unless --replace is given.
    for command in (["migrate", "-v0"], ["load_orgs"]):
        assert theodoi(target, *command).returncode == 0
    before = snapshot(target)
    refused = theodoi(target, "restore", str(archive))
    assert refused.returncode != 0
    assert "không trống" in refused.stderr
    assert snapshot(target) == before
    replaced = theodoi(target, "restore", str(archive), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert snapshot(target) == source

"""The archive: ``data.jsonl`` (every row, as Django's serialiser writes it), ``files/<name>``
(every file a row points to, from the storage backend) and ``manifest.json`` (the schema's
migrations, the number of rows per model, the SHA-256 of every member).

Rows are written with natural keys for content types and permissions, so they load into a
database whose ``migrate`` numbered those differently; the format is the same on SQLite and
PostgreSQL, so a backup of one restores into the other. What is not kept: sessions and
throttling counters (transient), the cache, the job queue, and ``SECRET_KEY`` (a secret does
not belong in an archive: keep it apart and set the same one on the new machine).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from theodoi.backup.errors import BackupError

FORMAT = 1
DATA = "data.jsonl"
MANIFEST = "manifest.json"
FILES = "files/"
# Transient or rebuilt by ``migrate``: never in an archive.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "limits")
CHUNK = 1024 * 1024
EXACT = "jsonl-exact"
serializers.register_serializer(EXACT, "theodoi.backup.exact_jsonl")


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model whose rows an archive holds."""
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        chosen.append(model)
    return chosen


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in backed_up_models()}


def stored_files() -> list[str]:
    """The names of every file a row points to, once each, sorted."""
    names: set[str] = set()
    for model in backed_up_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                values = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(name for name in values if name)
    return sorted(names)


def schema() -> dict[str, list[str]]:
    """The migrations applied to this database, per app."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def code_schema() -> dict[str, list[str]]:
    """The migrations this code ships, per app: what ``migrate`` brings a database to."""
    known: dict[str, list[str]] = {}
    for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations):
        known.setdefault(app, []).append(name)
    return known


def _add(archive: tarfile.TarFile, name: str, stream: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, stream)


def write_backup(target: Path, *, now: datetime.datetime) -> dict[str, Any]:
    """Write the archive to ``target``; its manifest. The rows come from one transaction
    (PostgreSQL: one snapshot), so they are consistent with each other."""
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / DATA
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                *[model._meta.label for model in backed_up_models()],
                format=EXACT,
                natural_foreign=True,
                output=str(data),
                verbosity=0,
            )
            counts, files, applied = row_counts(), stored_files(), schema()
        with data.open("rb") as stream:
            checksums = {DATA: _sha256(stream)}
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            with data.open("rb") as stream:
                _add(archive, DATA, stream, data.stat().st_size)
            for name in files:
                if not default_storage.exists(name):
                    raise BackupError(
                        f"Tệp {name} có trong cơ sở dữ liệu nhưng không còn trong kho."
                    )
                with default_storage.open(name, "rb") as stream:
                    checksums[FILES + name] = _sha256(stream)
                with default_storage.open(name, "rb") as stream:
                    _add(archive, FILES + name, stream, default_storage.size(name))
            manifest = {
                "format": FORMAT,
                "created": now.isoformat(),
                "database": connection.vendor,
                "migrations": applied,
                "rows": counts,
                "sha256": checksums,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            _add(archive, MANIFEST, io.BytesIO(body), len(body))
        partial.replace(target)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError as exc:
        raise BackupError(
            "Tệp sao lưu không có manifest.json: không phải bản sao lưu của theodoi."
        ) from exc
    manifest: dict[str, Any] = json.load(member)  # type: ignore[arg-type]
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Bản sao lưu định dạng {manifest.get('format')!r}; "
            f"phiên bản này đọc định dạng {FORMAT}."
        )
    return manifest


def verify(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member is listed in the manifest with the checksum it has, and none is missing."""
    expected = dict(manifest["sha256"])
    for member in archive.getmembers():
        if member.name == MANIFEST:
            continue
        if not member.isfile() or member.name not in expected:
            raise BackupError(f"Tệp sao lưu có thành phần lạ: {member.name}.")
        stream = archive.extractfile(member)
        assert stream is not None
        if _sha256(stream) != expected.pop(member.name):
            raise BackupError(
                f"Tổng kiểm tra (SHA-256) của {member.name} không khớp: tệp sao lưu bị hỏng."
            )
    if expected:
        raise BackupError(
            f"Tệp sao lưu thiếu {len(expected)} thành phần, ví dụ {next(iter(expected))}."
        )


def check_schema(manifest: dict[str, Any]) -> None:
    """Refuse an archive whose migrations differ from this code's: its rows fit only the models
    of the version that wrote it."""
    theirs, ours = manifest["migrations"], code_schema()
    newer = sorted(
        f"{app}.{name}"
        for app, names in theirs.items()
        for name in names
        if name not in ours.get(app, [])
    )
    older = sorted(
        f"{app}.{name}"
        for app, names in ours.items()
        for name in names
        if name not in theirs.get(app, [])
    )
    if newer:
        raise BackupError(
            f"Bản sao lưu do một phiên bản theodoi mới hơn tạo ({', '.join(newer[:3])}): "
            "hãy cài phiên bản đó để phục hồi."
        )
    if older:
        raise BackupError(
            f"Bản sao lưu do một phiên bản theodoi cũ hơn tạo (thiếu {', '.join(older[:3])}): "
            "hãy phục hồi bằng phiên bản đó rồi nâng cấp (theodoi migrate)."
        )


def occupied() -> list[str]:
    """The models that already hold rows: a restore would mix two installations."""
    return [label for label, count in row_counts().items() if count]


def members(archive: tarfile.TarFile) -> Iterator[tuple[str, IO[bytes]]]:
    for member in archive.getmembers():
        if member.name.startswith(FILES):
            stream = archive.extractfile(member)
            assert stream is not None
            yield member.name.removeprefix(FILES), stream


def restore_backup(source: Path, *, replace: bool) -> dict[str, Any]:
    """Restore the archive at ``source`` into this installation's database and storage; its
    manifest. Checks everything before writing anything; the rows load in one transaction and
    the files are removed again when they fail."""
    if not source.is_file():
        raise BackupError(f"Không có tệp {source}.")
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed by the block below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{source.name} không phải tệp sao lưu đọc được ({exc}).") from exc
    with archive:
        try:
            manifest = read_manifest(archive)
            verify(archive, manifest)
        except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as exc:
            raise BackupError(f"{source.name} bị hỏng hoặc bị cắt cụt ({exc}).") from exc
        check_schema(manifest)
        call_command("migrate", interactive=False, verbosity=0)
        names = [name.removeprefix(FILES) for name in manifest["sha256"] if name.startswith(FILES)]
        taken = occupied()
        present = [name for name in names if default_storage.exists(name)]
        if (taken or present) and not replace:
            raise BackupError(
                "Cơ sở dữ liệu hoặc kho tệp không trống ("
                + ", ".join((taken + present)[:4])
                + "): phục hồi sẽ trộn hai hệ thống. Dùng --replace để xoá dữ liệu hiện có "
                "và thay bằng bản sao lưu."
            )
        if replace:
            call_command("flush", interactive=False, verbosity=0)
            for name in present:
                default_storage.delete(name)
        written: list[str] = []
        try:
            for name, stream in members(archive):
                saved = default_storage.save(name, stream)
                written.append(saved)
                if saved != name:
                    raise BackupError(f"Kho tệp lưu {name} dưới tên khác ({saved}).")
            with tempfile.TemporaryDirectory() as work:
                data = Path(work) / DATA
                data_stream = archive.extractfile(DATA)
                assert data_stream is not None  # verified above: every member is a regular file
                with data.open("wb") as out:
                    shutil.copyfileobj(data_stream, out, CHUNK)
                with transaction.atomic():
                    call_command("loaddata", str(data), verbosity=0)
                    if row_counts() != manifest["rows"]:
                        raise BackupError("Số dòng sau khi phục hồi khác với manifest: đã huỷ.")
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest

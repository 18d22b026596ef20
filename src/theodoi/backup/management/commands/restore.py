"""``theodoi restore FILE``: an archive of ``theodoi backup`` into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.backup.archive import FILES, restore_backup
from theodoi.backup.errors import BackupError


class Command(BaseCommand):
    help = "Phục hồi một bản sao lưu của theodoi backup vào cơ sở dữ liệu và kho tệp trống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="xoá mọi dữ liệu hiện có rồi thay bằng bản sao lưu",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["sha256"] if name.startswith(FILES))
        self.stdout.write(
            f"Đã phục hồi {sum(manifest['rows'].values())} dòng và {files} tệp, sao lưu lúc "
            f"{manifest['created']}."
        )

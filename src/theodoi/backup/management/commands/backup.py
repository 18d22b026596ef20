"""``theodoi backup FILE``: the database and every uploaded file in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.backup.archive import FILES, write_backup
from theodoi.backup.errors import BackupError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và mọi tệp đã tải lên (minh chứng, văn bản kế hoạch) vào một tệp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="tệp sao lưu sẽ ghi, ví dụ theodoi-2026-12-01.tar.gz"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        if target.exists():
            raise CommandError(f"{target} đã có: chọn tên khác, không ghi đè một bản sao lưu.")
        try:
            manifest = write_backup(target, now=timezone.now())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["sha256"] if name.startswith(FILES))
        self.stdout.write(
            f"Đã sao lưu {sum(manifest['rows'].values())} dòng và {files} tệp vào {target}. "
            "SECRET_KEY không nằm trong bản sao lưu: hãy giữ nó riêng và đặt lại đúng giá trị đó "
            "trên máy phục hồi."
        )

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from theodoi.orgs.loading import load_organisations


class Command(BaseCommand):
    help = "Nạp danh mục cơ quan, tổ chức (kể cả sắp xếp năm 2025); chạy lại nhiều lần vẫn an toàn."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_organisations(by=None, now=timezone.now())
        self.stdout.write(
            f"Cơ quan: {report.created} thêm mới, {report.updated} cập nhật; "
            f"{report.aliases} tên gọi mới."
        )

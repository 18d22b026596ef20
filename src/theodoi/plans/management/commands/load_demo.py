from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.plans.demo import load_demo
from theodoi.snapshots.services import rebuild_snapshot


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn: danh mục cơ quan, tài khoản cho từng vai trò và các kế hoạch "
        "mẫu. Chạy lại nhiều lần vẫn an toàn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", type=Path, required=True, help="thư mục văn bản mẫu")

    def handle(self, *args: Any, seeds: Path, **options: Any) -> None:
        if not seeds.is_dir():
            raise CommandError(f"Không có thư mục văn bản mẫu {seeds}.")
        now = timezone.now()
        report = load_demo(seeds, now=now)
        for plan in report.imported:
            # Evaluated now rather than at the nightly job, so the demo's dashboard and portal
            # show the seeds' overdue tasks from the first page.
            rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
            self.stdout.write(
                f"Đã nhập {plan}: {plan.tasks.count()} nhiệm vụ, "
                f"{plan.indicators.count()} chỉ tiêu."
            )
        for name in report.skipped:
            self.stdout.write(f"Đã có từ trước: {name}.")
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Lưu ý - {warning}"))
        new = [(name, role, pw) for name, role, pw in report.accounts if pw]
        if new:
            self.stdout.write("Tài khoản mới (mật khẩu chỉ hiện một lần, hãy ghi lại):")
            for name, role, password in new:
                self.stdout.write(f"  {name:45} {role:12} {password}")
        else:
            self.stdout.write("Các tài khoản trình diễn đã có từ trước; mật khẩu không đổi.")

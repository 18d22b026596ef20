from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.demo.history import build_demo_history
from theodoi.demo.seeds import load_demo
from theodoi.orgs.models import Membership, Role
from theodoi.plans.models import Plan, PlanStatus
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot


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
        names = [name for name, _role, _password in report.accounts]
        reporters = {
            m.organisation: m.user
            for m in Membership.objects.filter(
                role=Role.REPORTER, user__username__in=names
            ).select_related("organisation", "user")
            if m.organisation is not None  # always, for a reporter (a constraint)
        }
        coordinator = User.objects.get(username="daumoi")
        published = list(Plan.objects.filter(status=PlanStatus.PUBLISHED).order_by("pk"))
        reported = build_demo_history(
            published, reporters, coordinator, now=now, say=self.stdout.write
        )
        for plan in published:
            if plan not in report.imported and plan not in reported:
                continue
            # Evaluated now rather than at the nightly job, so the demo's dashboard and portal
            # show the seeds' overdue tasks from the first page; the coordinator publishes the
            # ranking of a plan that has one.
            snapshot = rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
            if any(row["rank"] is not None for row in snapshot.results["ranking"]):
                publish_ranking(plan, by=coordinator, now=now)
        for plan in report.imported:
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

"""theodoi synth: load the synthetic national data set (never loaded unless asked for)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.demo import synth
from theodoi.demo.synthload import (
    load_synthetic,
    provinces,
    remove_synthetic,
    synthetic_plans,
)
from theodoi.snapshots.services import rebuild_snapshot


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu MÔ PHỎNG cấp quốc gia (34 tỉnh, mỗi tỉnh một kế hoạch ~70 nhiệm vụ, "
        "~40 chỉ tiêu, 10 kỳ báo cáo) để trình diễn và đo hiệu năng; --remove để xoá."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=57)
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--tasks", type=int, default=70)
        parser.add_argument("--indicators", type=int, default=40)
        parser.add_argument("--rounds", type=int, default=10)
        parser.add_argument("--remove", action="store_true", help="chỉ xoá dữ liệu mô phỏng")
        parser.add_argument(
            "--no-snapshots", action="store_true", help="không tính kết quả đánh giá"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for name in ("provinces", "tasks", "indicators", "rounds"):
            if options[name] < 1:
                raise CommandError(f"--{name} phải lớn hơn 0 (nhận {options[name]}).")
        removed = remove_synthetic(now=now)
        if removed:
            self.stdout.write(f"Đã xoá {removed} kế hoạch mô phỏng cũ.")
        if options["remove"]:
            return
        found = provinces(options["provinces"])
        if not found:
            raise CommandError("Chưa có dữ liệu tỉnh và sở: chạy 'theodoi load_orgs' trước.")
        started = time.perf_counter()
        plans = synth.generate(
            found,
            seed=options["seed"],
            today=timezone.localdate(now),
            tasks_per_plan=options["tasks"],
            indicators_per_plan=options["indicators"],
            rounds=options["rounds"],
        )
        loaded = load_synthetic(plans, now=now)
        self.stdout.write(
            f"Đã nạp {loaded.plans} kế hoạch MÔ PHỎNG: {loaded.tasks} nhiệm vụ, "
            f"{loaded.indicators} chỉ tiêu, {loaded.updates} báo cáo, {loaded.values} số liệu "
            f"trong {time.perf_counter() - started:.1f} giây."
        )
        if options["no_snapshots"]:
            return
        started = time.perf_counter()
        today = timezone.localdate(now)
        for plan in synthetic_plans():
            rebuild_snapshot(plan, as_of=today, now=now)
        self.stdout.write(
            f"Đã tính kết quả đánh giá trong {time.perf_counter() - started:.1f} giây."
        )

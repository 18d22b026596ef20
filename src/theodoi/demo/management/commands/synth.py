"""theodoi synth: load the synthetic national data set (never loaded unless asked for)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.demo import synth
from theodoi.demo.synthload import (
    COMMUNE_NAMES,
    load_synthetic,
    national_tasks,
    provinces,
    remove_synthetic,
    synthetic_plans,
    with_communes,
)
from theodoi.reporting.national import load_national_plan
from theodoi.snapshots.services import rebuild_snapshot


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu MÔ PHỎNG cấp quốc gia (34 tỉnh, mỗi tỉnh một kế hoạch ~70 nhiệm vụ, "
        "~40 chỉ tiêu, 10 kỳ báo cáo, thực hiện Nghị quyết 03/NQ-CP; mỗi tỉnh 2 kế hoạch cấp "
        "xã thực hiện kế hoạch của tỉnh) để trình diễn và đo hiệu năng; --remove để xoá."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=57)
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--tasks", type=int, default=70)
        parser.add_argument("--indicators", type=int, default=40)
        parser.add_argument("--rounds", type=int, default=10)
        parser.add_argument(
            "--communes", type=int, default=2, help="số xã, phường có kế hoạch riêng mỗi tỉnh"
        )
        parser.add_argument("--commune-tasks", type=int, default=10)
        parser.add_argument("--remove", action="store_true", help="chỉ xoá dữ liệu mô phỏng")
        parser.add_argument(
            "--no-snapshots", action="store_true", help="không tính kết quả đánh giá"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        for name in ("provinces", "tasks", "indicators", "rounds"):
            if options[name] < 1:
                raise CommandError(f"--{name} phải lớn hơn 0 (nhận {options[name]}).")
        if not 0 <= options["communes"] <= len(COMMUNE_NAMES):
            raise CommandError(
                f"--communes phải từ 0 đến {len(COMMUNE_NAMES)} (nhận {options['communes']})."
            )
        if not 1 <= options["commune_tasks"] <= options["tasks"]:
            raise CommandError(
                f"--commune-tasks phải từ 1 đến số nhiệm vụ của tỉnh, {options['tasks']} "
                f"(nhận {options['commune_tasks']})."
            )
        removed = remove_synthetic(now=now)
        if removed:
            self.stdout.write(f"Đã xoá {removed} kế hoạch mô phỏng cũ.")
        if options["remove"]:
            return
        found = provinces(options["provinces"])
        if not found:
            raise CommandError("Chưa có dữ liệu tỉnh và sở: chạy 'theodoi load_orgs' trước.")
        started = time.perf_counter()
        # The real 03/NQ-CP, imported once (about 2 s) through the import services.
        national = load_national_plan(by=None, now=now)
        found = with_communes(found, options["communes"])
        plans = synth.generate(
            found,
            seed=options["seed"],
            today=timezone.localdate(now),
            tasks_per_plan=options["tasks"],
            indicators_per_plan=options["indicators"],
            rounds=options["rounds"],
            national=national_tasks(national),
            tasks_per_commune=options["commune_tasks"],
        )
        loaded = load_synthetic(plans, now=now, national=national)
        self.stdout.write(
            f"Đã nạp {loaded.plans} kế hoạch MÔ PHỎNG cấp tỉnh và {loaded.commune_plans} cấp "
            f"xã: {loaded.tasks} nhiệm vụ, {loaded.indicators} chỉ tiêu, {loaded.updates} báo "
            f"cáo, {loaded.values} số liệu, {loaded.links} liên kết tới nhiệm vụ cấp trên "
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

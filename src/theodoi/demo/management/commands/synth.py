"""theodoi synth: load the synthetic national data set (never loaded unless asked for)."""

from __future__ import annotations

import dataclasses
import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from theodoi.demo import synth
from theodoi.demo.synthload import (
    COMMUNE_NAMES,
    load_synthetic,
    ministries,
    national_tasks,
    provinces,
    remove_synthetic,
    synthetic_plans,
    with_communes,
)
from theodoi.reporting.national import load_national_plan
from theodoi.snapshots.services import rebuild_snapshot

# The options that size the data set, each defaulting to the scale's (synth.Shape).
SIZES = {
    "provinces": "số tỉnh",
    "ministries": "số bộ, ngành có kế hoạch",
    "ministry_units": "số đơn vị của mỗi bộ được giao nhiệm vụ",
    "reporting_communes": "số xã, phường báo cáo theo kế hoạch của tỉnh",
    "tasks": "số nhiệm vụ mỗi kế hoạch",
    "indicators": "số chỉ tiêu mỗi kế hoạch",
    "rounds": "số kỳ báo cáo",
    "cooperating": "số cơ quan phối hợp nhiều nhất của một nhiệm vụ",
    "communes": "số xã, phường có kế hoạch riêng mỗi tỉnh",
    "commune_tasks": "số nhiệm vụ mỗi kế hoạch cấp xã",
}


class Command(BaseCommand):
    help = (
        "Nạp bộ dữ liệu MÔ PHỎNG cấp quốc gia để trình diễn và đo hiệu năng; --scale 1 (mặc "
        "định): 34 tỉnh, mỗi tỉnh một kế hoạch ~70 nhiệm vụ, ~40 chỉ tiêu, 10 kỳ báo cáo sáu "
        "tháng, thực hiện Nghị quyết 03/NQ-CP, mỗi tỉnh 2 kế hoạch cấp xã; --scale 10: thêm 30 "
        "bộ, ngành, ~130 cơ quan mỗi kế hoạch, ~100 nhiệm vụ, 60 kỳ báo cáo hằng tháng (~1,5 "
        "triệu báo cáo); --remove để xoá."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=57)
        parser.add_argument(
            "--scale", type=int, default=1, help="quy mô từ 1 (hiện nay) đến 10 (toàn quốc)"
        )
        for name, text in SIZES.items():
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None, help=text)
        parser.add_argument("--remove", action="store_true", help="chỉ xoá dữ liệu mô phỏng")
        parser.add_argument(
            "--no-snapshots", action="store_true", help="không tính kết quả đánh giá"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        shape = _shape(options)
        started = time.perf_counter()
        removed = remove_synthetic(now=now)
        if removed:
            self.stdout.write(
                f"Đã xoá {removed} kế hoạch mô phỏng cũ trong "
                f"{time.perf_counter() - started:.1f} giây."
            )
        if options["remove"]:
            return
        found = provinces(shape.provinces)
        if not found:
            raise CommandError("Chưa có dữ liệu tỉnh và sở: chạy 'theodoi load_orgs' trước.")
        started = time.perf_counter()
        # The real 03/NQ-CP, imported once (about 2 s) through the import services.
        national = load_national_plan(by=None, now=now)
        bodies = ministries(shape.ministries, shape.ministry_units)
        plans = synth.each_plan(
            with_communes(found, shape.communes, reporting=shape.reporting_communes) + bodies,
            seed=options["seed"],
            today=timezone.localdate(now),
            tasks_per_plan=shape.tasks,
            indicators_per_plan=shape.indicators,
            rounds=shape.rounds,
            national=national_tasks(national),
            tasks_per_commune=shape.commune_tasks,
            monthly=shape.monthly,
            cooperating=shape.cooperating,
        )
        loaded = load_synthetic(plans, now=now, national=national)
        # ru_maxrss is in kilobytes on Linux.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Đã nạp {loaded.plans - len(bodies)} kế hoạch MÔ PHỎNG cấp tỉnh và "
            f"{loaded.commune_plans} cấp xã, {len(bodies)} của bộ, ngành: "
            f"{loaded.tasks} nhiệm vụ, {loaded.indicators} chỉ tiêu, {loaded.updates} báo "
            f"cáo, {loaded.values} số liệu, {loaded.links} liên kết tới nhiệm vụ cấp trên "
            f"trong {time.perf_counter() - started:.1f} giây (bộ nhớ tối đa {peak:.0f} MB)."
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


def _shape(options: dict[str, Any]) -> synth.Shape:
    """The scale's shape with the sizes given, refused when one is out of bounds."""
    if not 1 <= options["scale"] <= 10:
        raise CommandError(f"--scale phải từ 1 đến 10 (nhận {options['scale']}).")
    shape = dataclasses.replace(
        synth.shape_of(options["scale"]),
        **{name: options[name] for name in SIZES if options[name] is not None},
    )
    for name in ("provinces", "tasks", "indicators", "rounds"):
        if getattr(shape, name) < 1:
            raise CommandError(f"--{name} phải lớn hơn 0 (nhận {getattr(shape, name)}).")
    for name in ("ministries", "ministry_units", "reporting_communes", "cooperating"):
        if getattr(shape, name) < 0:
            flag = name.replace("_", "-")
            raise CommandError(f"--{flag} không được âm (nhận {getattr(shape, name)}).")
    if not 0 <= shape.communes <= len(COMMUNE_NAMES):
        raise CommandError(
            f"--communes phải từ 0 đến {len(COMMUNE_NAMES)} (nhận {shape.communes})."
        )
    if not 1 <= shape.commune_tasks <= shape.tasks:
        raise CommandError(
            f"--commune-tasks phải từ 1 đến số nhiệm vụ của tỉnh, {shape.tasks} "
            f"(nhận {shape.commune_tasks})."
        )
    return shape

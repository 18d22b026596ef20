"""``theodoi load_national``: the national plan 03/NQ-CP, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from theodoi.reporting.national import load_national_plan


class Command(BaseCommand):
    help = "Import the national plan (Nghị quyết 03/NQ-CP) shipped with theodoi, once."

    def handle(self, *args: Any, **options: Any) -> None:
        plan = load_national_plan(by=None, now=timezone.now())
        self.stdout.write(
            f"{plan}: {plan.tasks.count()} nhiệm vụ, {plan.indicators.count()} chỉ tiêu."
        )

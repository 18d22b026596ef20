"""The public plan page says when the plan was amended and what changed, at once (its cache
keys on the amendment), and never what a confidential task's amendment changed."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from theodoi.plans.amending import Amendment, TaskFields, amend_task, archive_task
from theodoi.plans.models import DueKind, Plan, Task


def _tasks(plan: Plan, n: int) -> list[Task]:
    return list(plan.tasks.filter(due_kind=DueKind.YEAR, confidential=False).order_by("position"))[
        :n
    ]


def test_the_plan_page_shows_the_amendment_and_its_changes_at_once(
    tien_giang_plan: Plan,
    coordinator: User,
    client: Client,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    moved, archived = _tasks(tien_giang_plan, 2)
    url = reverse("portal:plan_detail", args=[tien_giang_plan.pk])
    before = client.get(url).content.decode()  # cached now
    assert "Các lần điều chỉnh kế hoạch" not in before
    assert f'data-task="{archived.code}"' in before

    now = timezone.now()
    day = datetime.date(2026, 11, 30)
    with django_capture_on_commit_callbacks(execute=True):
        amend_task(
            moved,
            dataclasses.replace(TaskFields.of(moved), due_text="30/06/2027"),
            Amendment("Điều chỉnh theo Quyết định 99/QĐ-UBND", day),
            by=coordinator,
            now=now,
        )
        archive_task(
            archived, Amendment("Đã hoàn thành trong kế hoạch khác", day), by=coordinator, now=now
        )

    page = client.get(url).content.decode()
    assert "Các lần điều chỉnh kế hoạch" in page
    assert "Điều chỉnh ngày 30/11/2026" in page
    assert "Điều chỉnh theo Quyết định 99/QĐ-UBND" in page
    assert f"<del>{moved.due_text}</del> → <ins>30/06/2027</ins>" in page
    assert "Đưa nhiệm vụ ra khỏi kế hoạch" in page
    assert f'data-task="{archived.code}"' not in page


def test_a_confidential_task_s_amendment_is_not_shown(
    tien_giang_plan: Plan, coordinator: User, client: Client
) -> None:
    (task,) = _tasks(tien_giang_plan, 1)
    day = datetime.date(2026, 11, 30)
    amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), confidential=True, due_text="Quý III/2027"),
        Amendment("Chuyển thành nhiệm vụ mật", day),
        by=coordinator,
        now=timezone.now(),
    )
    page = client.get(reverse("portal:plan_detail", args=[tien_giang_plan.pk])).content.decode()
    assert "Chuyển thành nhiệm vụ mật" in page  # the amendment is public, not what it changed
    assert "Nội dung thay đổi không được công khai." in page
    assert "Quý III/2027" not in page

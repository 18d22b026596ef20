"""Read-only views for IT staff: every write to reporting goes through the services, which
keep versions and the audit log; an edit here would do neither."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    RoundReopening,
    TaskUpdate,
)


class ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(ReadOnly):
    list_display = ("plan", "__str__")


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnly):
    list_display = ("title", "plan", "period_start", "period_end", "deadline", "state")
    list_filter = ("state",)


@admin.register(RoundReopening)
class RoundReopeningAdmin(ReadOnly):
    list_display = ("round", "organisation", "until", "at")


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ReadOnly):
    list_display = ("round", "task", "organisation", "version", "state", "status", "progress")
    list_filter = ("state", "status")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnly):
    list_display = ("round", "indicator", "organisation", "version", "state", "value")
    list_filter = ("state", "is_baseline")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnly):
    list_display = ("filename", "task", "organisation", "size", "content_type", "uploaded_at")

"""Read-only views for IT staff: every write to reporting goes through the services, which
keep versions and the audit log; an edit here would do neither."""

from django.contrib import admin

from theodoi.audit.admin import ReadOnlyAdmin
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    RoundReopening,
    TaskUpdate,
)


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(ReadOnlyAdmin):
    list_display = ("plan", "__str__")


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "period_start", "period_end", "deadline", "state")
    list_filter = ("state",)


@admin.register(RoundReopening)
class RoundReopeningAdmin(ReadOnlyAdmin):
    list_display = ("round", "organisation", "until", "at")


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ReadOnlyAdmin):
    list_display = ("round", "task", "organisation", "version", "state", "status", "progress")
    list_filter = ("state", "status")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ("round", "indicator", "organisation", "version", "state", "value")
    list_filter = ("state", "is_baseline")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("filename", "task", "organisation", "size", "content_type", "uploaded_at")

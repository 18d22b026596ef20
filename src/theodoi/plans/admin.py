from django.contrib import admin

from theodoi.audit.admin import AuditedAdmin
from theodoi.plans.models import ImportDraft, Indicator, Plan, Task, TaskAgency, TaskGroup


class TaskAgencyInline(admin.TabularInline[TaskAgency, Task]):
    model = TaskAgency
    fields = ("role", "name", "organisation", "position")
    raw_id_fields = ("organisation",)
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ("number", "kind", "province", "issued_on", "status", "version")
    list_filter = ("status", "kind")
    search_fields = ("number", "title", "issuer")
    raw_id_fields = ("province",)
    filter_horizontal = ("implements",)


@admin.register(TaskGroup)
class TaskGroupAdmin(AuditedAdmin):
    list_display = ("plan", "code", "title")
    search_fields = ("code", "title")


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ("plan", "code", "title", "due_kind", "confidential", "archived_at")
    list_filter = ("due_kind", "confidential")
    search_fields = ("code", "title", "key")
    raw_id_fields = ("plan", "group")
    inlines = (TaskAgencyInline,)


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("plan", "code", "name", "unit", "comparator", "target", "year")
    search_fields = ("code", "name")
    raw_id_fields = ("plan",)


@admin.register(ImportDraft)
class ImportDraftAdmin(AuditedAdmin):
    list_display = ("filename", "status", "province", "created_by", "created_at")
    list_filter = ("status",)
    readonly_fields = ("sha256",)

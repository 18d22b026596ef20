from django.contrib import admin

from theodoi.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "object_repr", "by")
    list_filter = ("action",)
    search_fields = ("action", "object_repr", "object_id")
    date_hierarchy = "at"

    # The log is evidence: nobody edits or deletes it, not even IT staff.
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

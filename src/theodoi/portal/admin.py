from django.contrib import admin

from theodoi.audit.admin import AuditedAdmin
from theodoi.portal.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(AuditedAdmin):
    list_display = ("received_at", "kind", "plan", "name")
    list_filter = ("kind",)
    readonly_fields = ("kind", "plan", "name", "contact", "message", "received_at")
    exclude = ("source",)

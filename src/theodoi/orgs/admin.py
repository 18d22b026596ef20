from django.contrib import admin

from theodoi.audit.admin import AuditedAdmin
from theodoi.orgs.models import Membership, Organisation, OrganisationAlias


class AliasInline(admin.TabularInline[OrganisationAlias, Organisation]):
    model = OrganisationAlias
    fk_name = "organisation"
    fields = ("name", "key", "scope")
    readonly_fields = ("key",)
    raw_id_fields = ("scope",)
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "kind", "parent", "successor", "succeeded_on", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "code", "aliases__name")
    raw_id_fields = ("parent", "successor")
    inlines = (AliasInline,)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "organisation")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    raw_id_fields = ("user", "organisation")

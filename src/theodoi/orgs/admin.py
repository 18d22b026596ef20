"""The admin of organisations, memberships and people, audited (``theodoi.audit.admin``);
people are deactivated, never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theodoi.audit.actions import AdminVerb, admin_action
from theodoi.audit.admin import AuditedAdmin
from theodoi.audit.log import record
from theodoi.orgs.models import Membership, Organisation, OrganisationAlias
from theodoi.orgs.services import deactivate_person


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
    list_display = ("user", "role", "organisation", "scope", "confidential")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    raw_id_fields = ("user", "organisation", "scope")


@admin.action(description=gettext_lazy("Deactivate the selected people"))
def deactivate(
    modeladmin: admin.ModelAdmin[User], request: HttpRequest, queryset: QuerySet[User]
) -> None:
    # The admin site lets only signed-in staff this far.
    assert isinstance(request.user, User)
    people = [person for person in queryset if person.is_active]
    for person in people:
        deactivate_person(person, by=request.user, now=timezone.now())
    modeladmin.message_user(
        request, _("%(count)s people deactivated.") % {"count": len(people)}, messages.SUCCESS
    )


class PersonAdmin(AuditedAdmin, UserAdmin[User]):
    """People are deactivated, never deleted: their name stays on every report and audit entry
    they wrote (the foreign keys to them are PROTECT)."""

    actions = (deactivate,)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            person = User.objects.get(pk=id)
            record(
                admin_action(person, AdminVerb.PASSWORD_SET),
                person,
                by=request.user,
                now=timezone.now(),
            )
        return response


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PersonAdmin)

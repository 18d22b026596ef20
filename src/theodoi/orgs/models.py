"""Organisations (provinces, departments, communes, party bodies, ministries), the names they
are written under, their successors after the 2025 reorganisation, and people's roles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of


class OrganisationKind(models.TextChoices):
    PROVINCE = "province", _("province")
    DEPARTMENT = "department", _("department")
    COMMUNE = "commune", _("commune")
    PARTY_BODY = "party_body", _("party body")
    MINISTRY = "ministry", _("ministry")
    OTHER = "other", _("other")


class Organisation(models.Model):
    # A stable identifier from the shipped data (``tien-giang/so-khcn``) so that loading the
    # data again updates rather than duplicates; blank for bodies added by hand.
    code = models.SlugField(_("code"), max_length=120, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    succeeded_on = models.DateField(_("succeeded on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        constraints = (
            one_of("kind", OrganisationKind.values, name="organisation_kind_valid"),
            # A successor always comes with the date the change took effect, and the other way.
            models.CheckConstraint(
                condition=Q(successor__isnull=True, succeeded_on__isnull=True)
                | Q(successor__isnull=False, succeeded_on__isnull=False),
                name="organisation_successor_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="organisation_not_own_successor"
            ),
        )

    def __str__(self) -> str:
        if self.parent is not None and self.kind != OrganisationKind.PROVINCE:
            return f"{self.name} ({self.parent.name})"
        return self.name

    def current(self, as_of: datetime.date) -> Organisation:
        """The body that carries this one's work on ``as_of``, following successors."""
        seen: set[int] = set()
        org = self
        while (
            org.successor_id is not None
            and org.succeeded_on is not None
            and org.succeeded_on <= as_of
            and org.pk not in seen
        ):
            seen.add(org.pk)
            org = org.successor  # type: ignore[assignment]
        return org

    def lineage_ids(self) -> set[int]:
        """This body and every body it succeeded, however far back.

        Kept on the instance, which lives one request or one job: a page's access rules ask
        for it up to ten times. Mergers are recorded by loading the organisation data, which
        reads fresh rows."""
        known: set[int] | None = self.__dict__.get("_lineage")
        if known is None:
            known = self.__dict__["_lineage"] = self._looked_up_lineage()
        return set(known)

    def _looked_up_lineage(self) -> set[int]:
        # One recursive statement (SQLite and PostgreSQL read it alike; ``UNION`` drops a row
        # already found, so a cycle ends) instead of a query per generation.
        table = Organisation._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                # The first row is read from the table, so that both halves have its id's
                # type (PostgreSQL takes a bare parameter for a small integer).
                f"WITH RECURSIVE lineage(id) AS (SELECT id FROM {table} WHERE id = %s UNION"
                f" SELECT o.id FROM {table} o JOIN lineage l ON o.successor_id = l.id)"
                f" SELECT id FROM lineage",
                [self.pk],
            )
            return {self.pk} | {pk for (pk,) in cursor.fetchall()}

    @staticmethod
    def heirs_of(ids: set[int]) -> dict[int, set[int]]:
        """Each of ``ids`` to itself and every body that succeeded it, however far on: the
        bodies whose ``lineage_ids`` hold it, for many bodies in one statement."""
        if not ids:
            return {}
        table = Organisation._meta.db_table
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH RECURSIVE ahead(start, id) AS (SELECT id, id FROM {table}"
                f" WHERE id IN ({marks}) UNION SELECT a.start, o.successor_id FROM {table} o"
                f" JOIN ahead a ON o.id = a.id WHERE o.successor_id IS NOT NULL)"
                f" SELECT start, id FROM ahead",
                sorted(ids),
            )
            found: dict[int, set[int]] = {pk: {pk} for pk in ids}
            for start, heir in cursor.fetchall():
                found[start].add(heir)
        return found


class OrganisationAlias(models.Model):
    """A name an organisation is written under, as a comparison key (``orgs.resolve.name_key``).

    Keys are unique within a province (``scope``); national bodies and the provinces' own names
    have no scope."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    scope = models.ForeignKey(
        Organisation,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scoped_aliases",
    )
    name = models.CharField(_("name as written"), max_length=300)
    key = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = (
            models.UniqueConstraint(
                fields=["scope", "key"],
                condition=Q(scope__isnull=False),
                name="alias_key_unique_in_province",
            ),
            models.UniqueConstraint(
                fields=["key"], condition=Q(scope__isnull=True), name="alias_key_unique_national"
            ),
            models.CheckConstraint(condition=~Q(key=""), name="alias_key_not_empty"),
        )

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    COORDINATOR = "coordinator", _("coordinator")
    REPORTER = "reporter", _("reporter")
    LEADER = "leader", _("leader")
    # Inspection bodies (Ủy ban Kiểm tra, the Fatherland Front's supervision, Thanh tra) read
    # within their scope and never write.
    INSPECTOR = "inspector", _("inspector")


def scope_of(organisation: Organisation | None) -> Organisation | None:
    """The province or ministry whose plans a member of ``organisation`` works on: the first
    of its ancestors (itself included) that is one; None (the nation) for a national body or
    for no organisation."""
    seen: set[int] = set()
    while organisation is not None and organisation.pk not in seen:
        if organisation.kind in (OrganisationKind.PROVINCE, OrganisationKind.MINISTRY):
            return organisation
        seen.add(organisation.pk)
        organisation = organisation.parent
    return None


class Membership(models.Model):
    """A person's role in an organisation and the scope it works in; a reporter acts for
    exactly one organisation. A person may hold several and switches between them.

    ``scope`` is the province or ministry whose plans the membership sees (a former province's
    plans are its successor's); None is the nation, which sees every plan. Anonymous visitors
    are the public and have no row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    scope = models.ForeignKey(
        Organisation,
        verbose_name=_("scope"),
        help_text=_("The province or ministry whose plans this role works on; empty: the nation."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scoped_members",
    )
    # Granted to an inspection body by the coordinator: it reads confidential tasks, and every
    # such read is audited (Quy chế 08-QC/TW).
    confidential = models.BooleanField(_("reads confidential tasks"), default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("pk",)
        constraints = (
            one_of("role", Role.values, name="membership_role_valid"),
            models.CheckConstraint(
                condition=~Q(role=Role.REPORTER) | Q(organisation__isnull=False),
                name="membership_reporter_has_organisation",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} ({self.where()})"

    def where(self) -> str:
        """The scope's name, as a person choosing between memberships reads it."""
        return self.scope.name if self.scope is not None else str(_("nation"))

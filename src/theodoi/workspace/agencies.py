"""The organisations a plan's agencies are chosen from, with every name each goes by."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q

from theodoi.orgs.models import Organisation, OrganisationAlias, OrganisationKind
from theodoi.orgs.search import AgencyChoice


def _scope(province: Organisation | None, as_of: datetime.date) -> Q:
    """The province's bodies (and those of the province it was merged into) and the national
    ones, whether they still exist or not: a former body's names find its successor."""
    national = Q(parent__isnull=True) & ~Q(kind=OrganisationKind.PROVINCE)
    if province is None:
        return national
    provinces = {province.pk, province.current(as_of).pk}
    return national | Q(pk__in=provinces) | Q(parent_id__in=provinces)


def agency_choices(province: Organisation | None, *, as_of: datetime.date) -> list[AgencyChoice]:
    """One choice per body that exists on ``as_of``, named by its own name, its aliases and
    those of every body it succeeded."""
    scoped = Organisation.objects.filter(_scope(province, as_of)).select_related("parent")
    orgs = {o.pk: o for o in scoped}
    names: dict[int, list[str]] = defaultdict(list)
    for pk, name in OrganisationAlias.objects.filter(organisation_id__in=orgs).values_list(
        "organisation_id", "name"
    ):
        names[pk].append(name)

    def today(org: Organisation) -> Organisation | None:
        seen: set[int] = set()
        while org.successor_id and org.succeeded_on and org.succeeded_on <= as_of:
            if org.pk in seen or org.successor_id not in orgs:
                return None
            seen.add(org.pk)
            org = orgs[org.successor_id]
        return org if org.active else None

    grouped: dict[int, list[str]] = defaultdict(list)
    for org in orgs.values():
        current = today(org)
        if current is not None:
            grouped[current.pk] += [org.name, *names[org.pk]]
    choices = []
    for pk, all_names in grouped.items():
        org = orgs[pk]
        unique = tuple(dict.fromkeys([org.name, *all_names]))
        choices.append(AgencyChoice(name=org.name, label=str(org), names=unique, pk=org.pk))
    return sorted(choices, key=lambda c: c.label)


def choices_of(organisations: Sequence[Organisation]) -> list[AgencyChoice]:
    """``organisations`` (a plan's agencies, their parents selected) as a picker offers them,
    each named by its own name, its aliases and the names of the bodies it succeeded (one
    generation back, the 2025 reorganisation's): three statements, whatever their number."""
    ids = [o.pk for o in organisations]
    names: dict[int, list[str]] = defaultdict(list)
    for pk, name in OrganisationAlias.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "name"
    ):
        names[pk].append(name)
    for pk, name in Organisation.objects.filter(successor_id__in=ids).values_list(
        "successor_id", "name"
    ):
        names[pk].append(name)
    return [
        AgencyChoice(
            name=o.name, label=str(o), names=tuple(dict.fromkeys([o.name, *names[o.pk]])), pk=o.pk
        )
        for o in organisations
    ]

"""The coordinator's list of accounts: those of her scope with their roles, found by name,
address, or any name of their agency."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from theodoi.orgs.accounts import people_of, person_label
from theodoi.orgs.models import Membership, Organisation, OrganisationAlias
from theodoi.orgs.roles import persona_of
from theodoi.orgs.search import search_key
from theodoi.users import User


@dataclass(frozen=True)
class Account:
    """One row of the list of accounts."""

    person: User
    memberships: tuple[Membership, ...]
    invited: bool  # no password chosen yet
    manageable: bool  # the coordinator may disable, enable, invite again, change the role

    @property
    def label(self) -> str:
        return person_label(self.person)


def _agency_names(organisations: Iterable[Organisation]) -> dict[int, list[str]]:
    """Every name each body goes by: its own, its aliases, those of the bodies it succeeded."""
    names: dict[int, list[str]] = {}
    for organisation in organisations:
        lineage = organisation.lineage_ids()
        own = list(Organisation.objects.filter(pk__in=lineage).values_list("name", flat=True))
        aliases = OrganisationAlias.objects.filter(organisation_id__in=lineage)
        names[organisation.pk] = own + list(aliases.values_list("name", flat=True))
    return names


def _matches(words: list[str], texts: Iterable[str]) -> bool:
    """Each word typed opens a word of one of ``texts`` (tone marks and case aside)."""
    keys = [word for text in texts for word in search_key(text).split()]
    return all(any(key.startswith(word) for key in keys) for word in words)


def accounts_of(by: User, query: str = "") -> list[Account]:
    """The accounts ``by`` sees, with their roles, those matching ``query`` when it is given:
    by name, address, or any name of their agency (``Sở TT&TT`` finds today's Sở KH&CN)."""
    people = list(people_of(by))
    memberships: dict[int, list[Membership]] = defaultdict(list)
    for membership in Membership.objects.filter(user__in=people).select_related(
        "organisation__parent", "scope"
    ):
        memberships[membership.user_id].append(membership)
    scope_ids = persona_of(by).scope_ids
    words = search_key(query).split()
    names: dict[int, list[str]] = {}
    if words:
        organisations = {
            m.organisation.pk: m.organisation
            for held in memberships.values()
            for m in held
            if m.organisation is not None
        }
        names = _agency_names(organisations.values())
    found = []
    for person in people:
        held = memberships[person.pk]
        if words:
            texts = [person.get_full_name(), person.username, person.email]
            texts += [n for m in held if m.organisation_id for n in names[m.organisation_id]]
            if not _matches(words, texts):
                continue
        manageable = (
            person.pk != by.pk
            and not person.is_superuser
            and (scope_ids is None or all(m.scope_id in scope_ids for m in held))
        )
        found.append(
            Account(
                person,
                tuple(held),
                invited=not person.has_usable_password(),
                manageable=manageable,
            )
        )
    return found

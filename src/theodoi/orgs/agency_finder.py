"""Finding the agency an account belongs to by any of its names, within a coordinator's
scope: the names theodoi.orgs.resolve reads for plans (a body's own, its aliases, its
predecessors'), in each province of the scope, today's body for a former one."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from theodoi.orgs.models import Organisation, OrganisationAlias, scope_of
from theodoi.orgs.resolve import Resolver, find_province
from theodoi.orgs.roles import Persona, persona_of
from theodoi.orgs.search import search_key
from theodoi.users import User

# ``Sở Y tế (Đồng Tháp)``: a body as the workspace labels it, its province in brackets.
_LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<province>[^()]+)\)$")


def in_scope(organisation: Organisation, scope_ids: frozenset[int] | None) -> bool:
    if scope_ids is None:
        return True
    province = scope_of(organisation)
    return province is not None and province.pk in scope_ids


class AgencyFinder:
    """Finds a body by any of its names (its own, its aliases, its predecessors', as
    theodoi.orgs.resolve reads them) among the provinces of a scope, today's body for a former
    one. The aliases of each province are read once."""

    def __init__(self, scope: Persona, *, as_of: datetime.date) -> None:
        self.scope_ids = scope.scope_ids
        self.as_of = as_of
        provinces: list[Organisation | None] = [None]
        if self.scope_ids is not None:
            # The scope's own province first: its names win over a former province's.
            bodies = Organisation.objects.filter(pk__in=self.scope_ids)
            provinces = [*sorted(bodies, key=lambda body: (not body.active, body.name))]
        self._resolvers = {(p.pk if p else None): Resolver(p, as_of=as_of) for p in provinces}
        self._bare: dict[tuple[int, str], set[int]] | None = None

    def _resolver(self, province: Organisation | None) -> Resolver:
        key = province.pk if province else None
        if key not in self._resolvers:
            self._resolvers[key] = Resolver(province, as_of=self.as_of)
        return self._resolvers[key]

    def find(self, name: str) -> Organisation | None:
        """The body ``name`` designates today, in or out of scope; None when none does."""
        for resolver in list(self._resolvers.values()):
            found = resolver.lookup(name)
            if found is not None:
                return found
        labelled = _LABELLED.match(name)
        if labelled:
            province = find_province(labelled["province"])
            if province is not None:
                return self._resolver(province).lookup(labelled["name"])
        return self._without_tone_marks(name)

    def _without_tone_marks(self, name: str) -> Organisation | None:
        """``so y te``, typed on a phone without tone marks: the one body of the scope's
        provinces whose name reads so once tone marks are dropped; None when none or several
        do."""
        if self.scope_ids is None:
            return None
        if self._bare is None:
            self._bare = defaultdict(set)
            aliases = OrganisationAlias.objects.filter(scope_id__in=self.scope_ids)
            for key, pk, where in aliases.values_list("key", "organisation_id", "scope_id"):
                self._bare[(where, _bare(key))].add(pk)
        found: set[int] = set()
        for province in Organisation.objects.filter(pk__in=self.scope_ids):
            found |= self._bare.get((province.pk, _bare(name, province.name)), set())
        bodies = {body.current(self.as_of) for body in Organisation.objects.filter(pk__in=found)}
        return bodies.pop() if len(bodies) == 1 else None


def _bare(name: str, province: str | None = None) -> str:
    """A name's key without tone marks, ``và`` or the province's own name at its end."""
    words = [word for word in search_key(name).split() if word != "va"]
    if province:
        place = search_key(province).split()
        for suffix in (["tinh", *place], ["thanh", "pho", *place], place):
            if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                words = words[: -len(suffix)]
                break
        if words[-1:] == ["tinh"] and len(words) > 1:
            words = words[:-1]
    return " ".join(words)


def agency_problem(name: str, organisation: Organisation | None, scope: Persona) -> str | None:
    """Why ``name`` (found as ``organisation``) cannot be an account's agency in ``scope``."""
    where = scope.scope.name if scope.scope is not None else _("the nation")
    if organisation is None:
        return _(
            "no agency “%(name)s” is known in %(scope)s; write its name as the plans write it "
            "(for example Sở Y tế)."
        ) % {"name": name, "scope": where}
    if not organisation.active:
        return _("%(organisation)s no longer exists; choose its successor.") % {
            "organisation": organisation
        }
    if not in_scope(organisation, scope.scope_ids):
        return _("“%(name)s” is %(organisation)s, outside your scope (%(scope)s).") % {
            "name": name,
            "organisation": organisation,
            "scope": where,
        }
    return None


def agencies_in_scope(by: User) -> list[Organisation]:
    """The bodies offered to type an account's agency from: her provinces' own and their
    departments and communes; for the nation's, the national bodies and the provinces (a
    province's body is written with its province: ``Sở Y tế (Đồng Tháp)``)."""
    bodies = Organisation.objects.filter(active=True).select_related("parent")
    scope_ids = persona_of(by).scope_ids
    if scope_ids is None:
        bodies = bodies.filter(parent__isnull=True)
    else:
        bodies = bodies.filter(Q(pk__in=scope_ids) | Q(parent_id__in=scope_ids))
    return sorted(bodies, key=str)

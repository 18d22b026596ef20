"""Loading the shipped organisation data (``orgs/data/``): the national bodies, the 63
provinces and their successors among the 34 of 1/7/2025, and each province's bodies with
their 2025 successors. Idempotent: a body is found by its code and updated, never doubled;
aliases a coordinator added are left alone."""

from __future__ import annotations

import datetime
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from typing import Any

from django.db import transaction

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.models import Organisation, OrganisationAlias, OrganisationKind
from theodoi.orgs.resolve import name_key, province_key
from theodoi.users import User


def slug(text: str) -> str:
    """An ASCII code from a Vietnamese name: ``Đồng Tháp`` -> ``dong-thap``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


def _data(name: str) -> dict[str, Any]:
    text = resources.files("theodoi.orgs").joinpath(f"data/{name}").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    aliases: int = 0


@dataclass
class _Body:
    code: str
    name: str
    kind: str
    parent: str | None
    successor: str | None
    succeeded_on: datetime.date | None
    aliases: list[tuple[str | None, str, str]]  # (scope code, name, key)


def _national_bodies() -> list[_Body]:
    bodies = []
    for entry in _data("national_bodies.json")["bodies"]:
        names = [entry["name"], *entry["aliases"]]
        bodies.append(
            _Body(
                code=entry["code"],
                name=entry["name"],
                kind=entry["kind"],
                parent=None,
                successor=entry.get("successor"),
                succeeded_on=_date(entry.get("succeeded_on")),
                aliases=[(None, n, name_key(n)) for n in names],
            )
        )
    return bodies


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _provincial_bodies() -> list[_Body]:
    provinces = _data("provinces.json")
    merged_on = _date(provinces["merged_on"])
    template = _data("provincial_bodies.json")["bodies"]
    bodies = []
    for province in provinces["provinces"]:
        name, code = province["name"], slug(province["name"])
        into = slug(province["merged_into"]) if province["merged_into"] else None
        level = "thành phố" if province["city"] else "tỉnh"
        own_names = [name, f"{level} {name}", *province["aliases"]]
        bodies.append(
            _Body(
                code=code,
                name=name,
                kind=OrganisationKind.PROVINCE,
                parent=None,
                successor=into,
                succeeded_on=merged_on if into else None,
                aliases=[(None, n, province_key(n)) for n in own_names]
                + [
                    (code, n, name_key(n, name))
                    for n in (f"Ủy ban nhân dân {level}", f"Ủy ban nhân dân {level} {name}")
                ],
            )
        )
        for entry in template:
            body_name = entry["name"].format(province=name)
            if province["city"]:
                body_name = body_name.replace(" tỉnh", " thành phố")
            names = [body_name, *(a.format(province=name) for a in entry["aliases"])]
            successor, succeeded_on = entry.get("successor"), _date(entry.get("succeeded_on"))
            if successor:
                successor = f"{code}--{successor}"
            elif into:
                # A merged province's bodies are carried on by the same bodies of the province
                # it merged into (Nghị quyết 202/2025/QH15).
                successor, succeeded_on = f"{into}--{entry['code']}", merged_on
            bodies.append(
                _Body(
                    code=f"{code}--{entry['code']}",
                    name=body_name,
                    kind=entry["kind"],
                    parent=code,
                    successor=successor,
                    succeeded_on=succeeded_on,
                    aliases=[(code, n, name_key(n, name)) for n in names],
                )
            )
    return bodies


def _ranker(bodies: list[_Body]) -> Callable[[_Body], int]:
    """A body's round of creation: one more than its parent's and its successor's."""
    by_code = {body.code: body for body in bodies}
    ranks: dict[str, int] = {}

    def rank(body: _Body) -> int:
        if body.code not in ranks:
            above = [by_code[code] for code in (body.parent, body.successor) if code]
            ranks[body.code] = 1 + max((rank(other) for other in above), default=-1)
        return ranks[body.code]

    return rank


@transaction.atomic
def load_organisations(*, by: User | None, now: datetime.datetime) -> LoadReport:
    """Create or update every body of the shipped data and its aliases."""
    bodies = _national_bodies() + _provincial_bodies()
    report = LoadReport()
    orgs = {o.code: o for o in Organisation.objects.filter(code__isnull=False)}

    def wanted(body: _Body) -> dict[str, Any]:
        return {
            "name": body.name,
            "kind": body.kind,
            "parent_id": orgs[body.parent].pk if body.parent else None,
            "successor_id": orgs[body.successor].pk if body.successor else None,
            "succeeded_on": body.succeeded_on,
            "active": body.successor is None,
        }

    # Created in rounds, a body after its parent and its successor, so that every row is
    # written once, complete.
    rank = _ranker(bodies)
    for _round, group in groupby(sorted(bodies, key=rank), key=rank):
        new = [
            Organisation(code=body.code, **wanted(body)) for body in group if body.code not in orgs
        ]
        for org in Organisation.objects.bulk_create(new):
            orgs[str(org.code)] = org
        report.created += len(new)
    changed = []
    for body in bodies:
        org, fields = orgs[body.code], wanted(body)
        if any(getattr(org, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(org, name, value)
            changed.append(org)
    Organisation.objects.bulk_update(changed, list(wanted(bodies[0])), batch_size=500)
    report.updated = len(changed)

    taken = set(OrganisationAlias.objects.values_list("scope__code", "key"))
    aliases = []
    for body in bodies:
        for scope, written, key in body.aliases:
            if key and (scope, key) not in taken:
                taken.add((scope, key))
                aliases.append(
                    OrganisationAlias(
                        organisation=orgs[body.code],
                        scope=orgs[scope] if scope else None,
                        name=written,
                        key=key,
                    )
                )
    OrganisationAlias.objects.bulk_create(aliases, batch_size=500)
    report.aliases = len(aliases)
    if report.created or report.updated or report.aliases:
        record(
            Action.ORGANISATIONS_LOADED,
            None,
            by=by,
            now=now,
            after={"created": report.created, "updated": report.updated, "aliases": report.aliases},
        )
    return report

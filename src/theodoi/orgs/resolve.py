"""From an agency name as a plan writes it to the organisation that carries the work today.

The pure half turns a name into a comparison key (:func:`name_key`) and tells a collective
phrase (``Các sở, ban, ngành, địa phương``) from the name of one body; the database half looks
the key up among the aliases of the plan's province, then the national ones, and follows
successors (a 2020 plan's ``Sở Thông tin và Truyền thông`` lands on today's ``Sở Khoa học và
Công nghệ``, Nghị định 45/2025/NĐ-CP).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from theodoi.ingest.fields.agencies import expand_abbreviations
from theodoi.ingest.textnorm import fold
from theodoi.orgs.models import Organisation, OrganisationAlias

# ``Bộ Công an và các địa phương Bắc Ninh, ...``: one body joined to a collective phrase.
# Only a class of bodies counts: ``Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp``
# is one body's name.
_JOINED_COLLECTIVE = re.compile(
    r"\s+và\s+(?=các\s+(?:bộ|sở|ban|ngành|địa phương|cơ quan|đơn vị|đoàn thể|tổ chức|tỉnh)\b)",
    re.IGNORECASE,
)
_COLLECTIVE = re.compile(
    r"^(?:các|những)\s"  # Các sở, ban, ngành; các cơ quan liên quan
    r"|^(?:bộ|sở)\s*,\s*(?:ban\s*,\s*)?ngành"  # Bộ, ngành, địa phương
    r"|^(?:bộ|sở|ngành|cơ quan|đơn vị)$"  # a bare common noun, e.g. ``Bộ`` alone
    r"|^địa phương"  # Địa phương được lựa chọn
    r"|^(?:tập đoàn|doanh nghiệp)\s*,"  # Tập đoàn, doanh nghiệp công nghệ số
    r"|^báo\s*,\s*đài"  # Báo, đài phát thanh, truyền hình các cấp
    r"|\scác cấp$"  # ... các đoàn thể chính trị - xã hội các cấp
)
# Words that carry no identity: punctuation, ``và``, a trailing ``(có) liên quan``.
_PUNCTUATION = re.compile(r"[,.;:()\"'&/-]+")
_TRAILING_RELATED = re.compile(r"\s+(?:có\s+)?liên quan$")
_TRAILING_LEVEL = re.compile(r"\s+(?:tỉnh|thành phố)$")
_LEADING_LEVEL = re.compile(r"^(?:tỉnh|thành phố)\s+")


def _words(text: str) -> str:
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(word for word in text.split() if word != "và")


def name_key(name: str, province: str | None = None) -> str:
    """The comparison key of a body's name within a province.

    Case, tone placement, abbreviations (``Sở KH&CN``), punctuation, ``và`` and the
    province's own name (``... tỉnh Tiền Giang``) do not count: the lookup is already scoped
    to the province, so ``Công an tỉnh`` and ``Công an tỉnh Tiền Giang`` are one key."""
    key = fold(expand_abbreviations(name))
    key = _TRAILING_RELATED.sub("", key)
    if province:
        place = fold(province)
        for suffix in (f" tỉnh {place}", f" thành phố {place}", f" {place}"):
            if key.endswith(suffix) and key != suffix.strip():
                key = key[: -len(suffix)]
                break
    key = _TRAILING_LEVEL.sub("", key)
    return _words(key)


def province_key(name: str) -> str:
    """The key of a province's own name, with or without ``tỉnh``/``thành phố``."""
    return _words(_LEADING_LEVEL.sub("", fold(expand_abbreviations(name))))


def split_joined(name: str) -> tuple[str, bool]:
    """``X và các bộ, ngành`` -> (``X``, True): the named body and whether a collective
    phrase follows it. A name with nothing joined comes back whole with False."""
    parts = _JOINED_COLLECTIVE.split(name, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        return parts[0].strip(), True
    return name.strip(), False


def is_collective(name: str) -> bool:
    """A phrase naming a class of bodies (``Các sở, ban, ngành, địa phương``) rather than one:
    it is kept as written, never put to the coordinator as an unknown body."""
    return bool(_COLLECTIVE.search(fold(expand_abbreviations(name))))


@dataclass(frozen=True)
class Resolution:
    written: str
    organisation: Organisation | None
    collective: bool

    @property
    def unresolved(self) -> bool:
        """Neither a known body nor a collective phrase: the coordinator is asked once."""
        return self.organisation is None and not self.collective


class Resolver:
    """Resolves the names of one plan; aliases are read once, successors followed to
    ``as_of`` (the plan's import date: today's bodies carry yesterday's tasks)."""

    def __init__(self, province: Organisation | None, *, as_of: datetime.date) -> None:
        self.province = province
        self.as_of = as_of
        scopes = OrganisationAlias.objects.filter(scope__isnull=True)
        self._national = dict(scopes.values_list("key", "organisation_id"))
        self._local: dict[str, int] = {}
        if province is not None:
            self._local = dict(
                OrganisationAlias.objects.filter(scope=province).values_list(
                    "key", "organisation_id"
                )
            )
        self._orgs: dict[int, Organisation] = {}

    def _organisation(self, pk: int) -> Organisation:
        if pk not in self._orgs:
            org = Organisation.objects.get(pk=pk)
            self._orgs[pk] = org.current(self.as_of)
        return self._orgs[pk]

    def lookup(self, name: str) -> Organisation | None:
        """The body ``name`` designates today, or None."""
        province_name = self.province.name if self.province else None
        key = name_key(name, province_name)
        pk = self._local.get(key) or self._national.get(key)
        return self._organisation(pk) if pk is not None else None

    def resolve(self, name: str) -> Resolution:
        organisation = self.lookup(name)
        if organisation is not None:
            return Resolution(name, organisation, collective=False)
        named, joined = split_joined(name)
        if joined:
            return Resolution(name, self.lookup(named), collective=True)
        return Resolution(name, None, collective=is_collective(name))


def find_province(name: str | None) -> Organisation | None:
    """The province a plan's ``document.province`` names (``Tiền Giang``, ``tỉnh Quảng Nam``)."""
    if not name:
        return None
    alias = (
        OrganisationAlias.objects.filter(
            scope__isnull=True, key=province_key(name), organisation__kind="province"
        )
        .select_related("organisation")
        .first()
    )
    return alias.organisation if alias else None

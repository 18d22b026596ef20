"""Vietnamese public bodies as data (``bodies.csv``): the words that open a body's name and
the whole names of the bodies themselves (the ministries, their units, the Party's and the
National Assembly's bodies, a province's departments …), read once.

A plan names its agencies in free text: ``Sở Y tế``, ``Cục Chuyển đổi số``, ``Tổ đảng ở
Thường trực Ủy ban Khoa học, Công nghệ và Môi trường``, ``Ủy ban nhân dân các xã, phường``.
Which words open such a name is a fact about the administration (ministries and their units,
Party bodies, the National Assembly, provinces and communes after 2025, mass organisations),
not about any one plan, so it is kept in a table that grows without touching the code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class Catalogue:
    heads: tuple[str, ...]  # longest first
    names: tuple[str, ...]  # longest first
    name: re.Pattern[str]  # a whole name anywhere, any case
    spelling: dict[str, str]  # names and heads of several words, by their lower case
    spelt: re.Pattern[str]  # any of those, any case
    head: re.Pattern[str]  # a head at the start, any case
    head_capitalised: re.Pattern[str]  # a head at the start, as names are written
    free: frozenset[str]  # heads that any word may follow (``Công an tỉnh``)
    collective: re.Pattern[str]  # ``các sở``, ``các tổ đảng``, ``những địa phương``


@cache
def catalogue() -> Catalogue:
    source = files("theodoi.ingest.fields").joinpath("bodies.csv").read_text("utf-8")
    rows = [
        row
        for row in csv.DictReader(line for line in source.splitlines() if not line.startswith("#"))
        if row["words"]
    ]
    heads = tuple(sorted({r["words"] for r in rows if r["kind"] == "head"}, key=len, reverse=True))
    names = tuple(sorted({r["words"] for r in rows if r["kind"] == "name"}, key=len, reverse=True))
    members = sorted(
        {r["words"] for r in rows if r["kind"] in ("head", "member")}, key=len, reverse=True
    )
    alternatives = "|".join(re.escape(h) for h in heads)
    listed = "|".join(re.escape(m) for m in members)
    spelling = {words.lower(): words for words in (*(h for h in heads if " " in h), *names)}
    return Catalogue(
        heads=heads,
        names=names,
        name=re.compile(rf"(?<!\w){_trie(names)}(?!\w)", re.IGNORECASE),
        spelling=spelling,
        spelt=re.compile(rf"(?<!\w){_trie(spelling)}(?!\w)", re.IGNORECASE),
        head=re.compile(rf"^(?:{alternatives})(?!\w)", re.IGNORECASE),
        head_capitalised=re.compile(rf"^(?:{alternatives})(?!\w)"),
        free=frozenset(r["words"] for r in rows if r["kind"] == "head" and r["then"] == "any"),
        collective=re.compile(
            rf"^(?:các|những|mọi|toàn bộ|tất cả)\s+(?:{listed})(?!\w)", re.IGNORECASE
        ),
    )


def _trie(words: Iterable[str]) -> str:
    """One pattern for many words, branching letter by letter (``bộ (?:c(?:ông an|…)|y tế)``):
    a plain alternation of some 250 names is tried name by name at every position."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for letter in word.lower():
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict[str, Any]]) -> str:
    branches = [re.escape(letter) + _branches(rest) for letter, rest in node.items() if letter]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # A word that ends here may also go on (``Ban Tổ chức``, ``Ban Tổ chức Trung ương``):
    # the longer is tried first.
    return f"(?:{group})?" if "" in node else group


def spelt_as_catalogue(text: str) -> str:
    """The catalogue's names and its heads of several words in ``text`` spelt as the
    catalogue spells them (``ban chấp hành`` -> ``Ban Chấp hành``)."""
    known = catalogue()
    return known.spelt.sub(lambda m: known.spelling.get(m.group(0).lower(), m.group(0)), text)


def opens_with_body(text: str) -> bool:
    """Whether ``text`` starts with the name of a body as names are written (``Sở Y tế …``,
    ``Tổ đảng ở …``, ``Công an tỉnh``, ``Kiểm toán nhà nước``; not ``Hội nghị``, ``Trung tâm
    dữ liệu``) or with a collective of bodies (``Các sở, ban, ngành``, ``Ủy ban nhân dân các
    xã``)."""
    stripped = text.strip()
    known = catalogue()
    if known.collective.match(stripped):
        return True
    whole = known.name.match(stripped)
    if whole is not None and stripped[:1].isupper():
        return True
    match = known.head_capitalised.match(stripped)
    if match is None:
        return False
    rest = stripped[match.end() :].split()
    return match.group(0) in known.free or not rest or rest[0][:1].isupper()


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a whole name from the catalogue (``Bộ Văn hóa, Thể thao và Du
    lịch``, ``Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân``) or a bracket: spans
    inside which a list is never split."""
    spans = [match.span() for match in catalogue().name.finditer(text)]
    if "(" not in text:
        return sorted(spans)
    depth, opened = 0, 0
    for k, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                opened = k
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, k + 1))
    return sorted(spans)


def split_outside(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` except inside a protected span."""
    spans = protected_spans(text)
    out: list[str] = []
    start = 0
    at = text.find(separator)
    while at != -1:
        if not any(s <= at < e for s, e in spans):
            out.append(text[start:at])
            start = at + len(separator)
        at = text.find(separator, at + len(separator))
    out.append(text[start:])
    return out

"""Target figures (``giá trị mục tiêu``) and numbers written the Vietnamese way.

A target is kept as written and parsed into a comparator and a value (extraction/SCHEMA.md):
``≥ 55``, ``tối thiểu 25%``, ``trên 80%`` (strictly more), ``khoảng 30%`` (about: ``=``),
``8 - 10`` (a range), ``Thuộc nhóm 20 tỉnh, thành dẫn đầu`` (a rank: among the first 20).
"""

from __future__ import annotations

import re

from theodoi.ingest.plan import Target, TargetOp
from theodoi.ingest.textnorm import fold, normalize_text

# A number as Vietnamese documents write it: ``1.234,5``, ``0,7``, ``09``.
NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER = re.compile(r"(?<![\d.,])" + NUMBER)
_FOOTNOTE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_EMPTY = {"", "-", "--", "x", "/", "…", "..."}

# Comparators, looked for just before the figure (the nearest one wins).
_COMPARATORS: list[tuple[re.Pattern[str], TargetOp]] = [
    (re.compile(r"(≥|>=|=>|tối thiểu|ít nhất|không thấp hơn|không dưới|không ít hơn)"), ">="),
    (re.compile(r"(≤|<=|=<|tối đa|không quá|không vượt quá|không cao hơn|không nhiều hơn)"), "<="),
    (re.compile(r"(>|\btrên\b|\bhơn\b|\bvượt\b)"), ">"),
    (re.compile(r"(<|\bdưới\b|\bít hơn\b)"), "<"),
]
# ``từ 80% trở lên``: the comparator follows the figure.
_AFTER = [(re.compile(r"^\s*%?\s*trở lên"), ">="), (re.compile(r"^\s*%?\s*trở xuống"), "<=")]
_RANGE = re.compile(
    r"(?<![\d.,])(" + NUMBER + r")\s*%?\s*(?:-|đến|tới|÷)\s*(" + NUMBER + r")(?![\d/])"
)
# ``thuộc nhóm 20 tỉnh, thành dẫn đầu``, ``top 50``, ``trong nhóm 3 nước dẫn đầu``.
_RANK_GROUP = re.compile(
    r"\b(?:nhóm|top|tốp)\s+(" + NUMBER + r")\b(?=[^;.]*?(dẫn đầu|đứng đầu|hàng đầu|cao nhất|"
    r"tỉnh|thành|nước|quốc gia|địa phương|thế giới|khu vực))",
    re.IGNORECASE,
)
_RANK_UNIT = re.compile(r"thứ (bậc|hạng)|xếp hạng|vị trí|hạng")
# ``≤ 3 Đông Nam Á``: a place in a ranking names the field it is ranked in.
_RANK_FIELD = re.compile(
    r"^\s*(?:≤|<=|=<)?\s*(" + NUMBER + r")\s+(đông nam á|asean|châu á|thế giới|toàn cầu|"
    r"khu vực|cả nước|toàn quốc)"
)
# A year is a time, not a figure: ``năm 2030``, ``giai đoạn 2021 - 2025``.
_YEAR_BEFORE = re.compile(r"(năm|giai đoạn|đến|từ)\s*$")


def clean_target_text(text: str | None) -> str | None:
    """The target as written: one line, footnote marks dropped, no final full stop."""
    if text is None:
        return None
    cleaned = " ".join(_FOOTNOTE.sub("", normalize_text(text)).split()).rstrip(" .;,")
    return None if cleaned in _EMPTY else cleaned


def parse_number(text: str | None) -> float | None:
    """The first number in ``text``: ``0,7`` -> 0.7, ``1.234,5`` -> 1234.5, ``09`` -> 9.

    The comma is the decimal mark and the dot groups thousands (TCVN usage); a lone dot
    that does not group three digits is read as a decimal point, as in copied web text.
    """
    if not text:
        return None
    match = _NUMBER.search(normalize_text(text))
    return None if match is None else _number(match.group(0))


def _number(raw: str) -> float:
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return float(raw.replace(grouping, "").replace(decimal, "."))
    for mark in ",.":
        if mark in raw:
            head, *groups = raw.split(mark)
            thousands = len(head) <= 3 and all(len(g) == 3 for g in groups)
            # ``1,000`` is rare in Vietnamese text; one comma group is a decimal (``0,750``).
            if thousands and (mark == "." or len(groups) > 1):
                return float(raw.replace(mark, ""))
            if len(groups) == 1:
                return float(f"{head}.{groups[0]}")
            return float(raw.replace(mark, ""))
    return float(raw)


def parse_target(text: str | None, *, unit: str | None = None) -> Target:
    """Parse a target cell or phrase; ``unit`` (the row's ``Đơn vị tính``) tells a rank.

    A target in words only keeps its text with no comparator and no value. Under a rank unit
    (``Thứ bậc``) a figure is a place in a ranking (``≤ 3 Đông Nam Á; ≤ 50 Thế giới``: among
    the first 3), and a figure that is not a place (``ít nhất 01 doanh nghiệp``) is no target.
    """
    written = clean_target_text(text)
    if written is None:
        return Target()
    key = fold(written)
    rank = _rank(key, ranked=bool(unit and _RANK_UNIT.search(fold(unit))))
    if rank is not None:
        return Target(text=written, op="rank_top", value=rank)
    if unit and _RANK_UNIT.search(fold(unit)):
        return Target(text=written)
    figure = _first_figure(key)
    if figure is None:
        return Target(text=written)
    span = _RANGE.match(key, figure.start())
    if span:
        low, high = _number(span.group(1)), _number(span.group(2))
        if low < high:
            return Target(text=written, op="range", value=low, value_max=high)
    return Target(text=written, op=_comparator(key, figure), value=_number(figure.group(0)))


def _rank(key: str, *, ranked: bool) -> float | None:
    group = _RANK_GROUP.search(key)
    if group:
        return _number(group.group(1))
    place = _RANK_FIELD.match(key)
    if place:
        return _number(place.group(1))
    if ranked:
        figure = re.match(r"^\s*(?:≤|<=|=<|top|tốp|thứ|hạng)?\s*(" + NUMBER + r")\s*$", key)
        if figure:
            return _number(figure.group(1))
    return None


def _first_figure(key: str) -> re.Match[str] | None:
    for match in _NUMBER.finditer(key):
        looks_like_year = re.fullmatch(r"(19|20)\d{2}", match.group(0))
        if looks_like_year and _YEAR_BEFORE.search(key[: match.start()]):
            continue
        return match
    return None


def _comparator(key: str, figure: re.Match[str]) -> TargetOp:
    after = key[figure.end() :]
    for pattern, op in _AFTER:
        if pattern.match(after):
            return op
    # Only the few words just before the figure qualify it (``tối thiểu đạt 25%``).
    before = key[: figure.start()]
    clause = re.split(r"[;:]", before)[-1]
    near = " ".join(clause.split()[-4:])
    best: tuple[int, TargetOp] | None = None
    for pattern, op in _COMPARATORS:
        for match in pattern.finditer(near):
            if best is None or match.end() > best[0]:
                best = (match.end(), op)
    return best[1] if best else "="

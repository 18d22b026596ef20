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
    known: re.Pattern[str]  # a whole name, at a given position
    proper: re.Pattern[str]  # a head and the proper name of a known body (``Phòng Tư pháp``)
    kind: re.Pattern[str]  # a head, at a given position
    members: re.Pattern[str]  # ``, ban, ngành`` after ``Các sở``
    organs: frozenset[str]  # ``ban thường trực``, ``văn phòng``: by their lower case
    national: frozenset[str]  # whole names of the State's central bodies, lower case


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
    free = frozenset(r["words"] for r in rows if r["kind"] == "head" and r["then"] == "any")
    return Catalogue(
        heads=heads,
        names=names,
        name=re.compile(rf"(?<!\w){_trie(names)}(?!\w)", re.IGNORECASE),
        spelling=spelling,
        spelt=re.compile(rf"(?<!\w){_trie(spelling)}(?!\w)", re.IGNORECASE),
        head=re.compile(rf"^(?:{alternatives})(?!\w)", re.IGNORECASE),
        head_capitalised=re.compile(rf"^(?:{alternatives})(?!\w)"),
        free=free,
        collective=re.compile(
            rf"(?:các|những|mọi|toàn bộ|tất cả)\s+(?:{listed})(?!\w)", re.IGNORECASE
        ),
        known=re.compile(rf"{_trie(names)}(?!\w)", re.IGNORECASE),
        proper=re.compile(
            rf"(?:{'|'.join(re.escape(h) for h in heads if h not in free)})"
            rf"\s+{_trie(_proper_names(heads, names))}(?!\w)",
            re.IGNORECASE,
        ),
        kind=re.compile(rf"(?:{alternatives})(?!\w)"),
        members=re.compile(rf"(?:\s*,\s*(?:và\s+)?(?:{listed})(?!\w))+", re.IGNORECASE),
        organs=frozenset(r["words"].lower() for r in rows if r["kind"] == "organ"),
        national=frozenset(
            r["words"].lower()
            for r in rows
            if r["kind"] == "name"
            and r["family"] in _CENTRAL
            and not r["words"].startswith(_PROVINCES_OWN)
        ),
    )


# The families of bodies of the State's centre: a ministry, a body under the Government, the
# courts and the procuracy, the National Assembly's bodies, wherever they sit; but a
# province's delegation to the National Assembly and its office are the province's.
_CENTRAL = frozenset(
    {
        "ministry",
        "ministry_former",
        "government_body",
        "national_assembly",
        "national_assembly_former",
    }
)
_PROVINCES_OWN = ("Đoàn đại biểu Quốc hội", "Văn phòng Đoàn đại biểu Quốc hội")


def _proper_names(heads: Iterable[str], names: Iterable[str]) -> set[str]:
    """The proper names the catalogue's bodies carry after their kind (``Sở Tư pháp`` ->
    ``Tư pháp``, ``Ban Tuyên giáo và Dân vận`` -> ``Tuyên giáo và Dân vận``): another kind
    of body with one of them is a body too (``Phòng Tư pháp``, ``Vụ Tuyên giáo và Dân vận``)."""
    by_length = sorted(heads, key=len, reverse=True)
    proper: set[str] = set()
    for name in names:
        head = next((h for h in by_length if name.startswith(h + " ")), None)
        rest = name[len(head) + 1 :] if head else ""
        if rest[:1].isupper():
            proper.add(rest)
    return proper


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


def is_organ(name: str) -> bool:
    """Whether ``name`` is a body's own organ with no name of its own (``Ban Thường trực``,
    ``Văn phòng``, ``Ủy ban Kiểm tra``), which is named with the body it serves."""
    return " ".join(name.split()).lower() in catalogue().organs


def is_central_body(text: str) -> bool:
    """Whether ``text`` is, whole, the name of one of the State's central bodies (``Đại học
    Quốc gia Thành phố Hồ Chí Minh``, ``Tòa án nhân dân tối cao``): a body with no province,
    whatever city its name or its seat names."""
    return text.strip().lower() in catalogue().national


_CENTRAL_WORDS = re.compile(r"\s+Trung ương(?:\s+Đảng)?\b")


def central_name(organ: str) -> str | None:
    """The Party's central body an organ's bare name stands for under the Central Committee
    (``Ban Tổ chức`` -> ``Ban Tổ chức Trung ương``, ``Văn phòng`` -> ``Văn phòng Trung ương
    Đảng``), from the catalogue's names; None when it holds none."""
    key = organ.strip().lower()
    return next(
        (
            name
            for name in catalogue().names
            if _CENTRAL_WORDS.search(name) and _CENTRAL_WORDS.sub("", name).lower() == key
        ),
        None,
    )


def is_known_body(text: str) -> bool:
    """Whether ``text`` is, whole, a name the catalogue holds (``Bộ Tài chính``)."""
    return catalogue().name.fullmatch(text.strip()) is not None


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


# What may follow a body's name and still be part of it: its place (``tỉnh``, ``xã Tân
# Phú``, ``các xã, phường``, ``các tỉnh, thành phố trực thuộc trung ương``), its level
# (``cấp xã``, ``các cấp``, ``Trung ương``), whom it answers to (``trực thuộc``) or that it
# is concerned (``các sở, ngành liên quan``).
_PLACE = (
    r"(?:tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|thị xã|thị trấn|thôn|ấp|bản|khu phố"
    r"|tổ dân phố)"
)
_QUALIFIER = re.compile(
    rf"\s+(?:(?:cấp\s+)?{_PLACE}"
    rf"|các\s+{_PLACE}(?:\s*,\s*{_PLACE})*"
    r"|các cấp|[tT]rung ương|quốc gia|trực thuộc(?:\s+(?:trung ương|Trung ương))?"
    r"|(?:có\s+)?liên quan)(?!\w)"
)
# A body that ends before one of these has no answer here (the words go on with its name, a
# second body, or a body's partners), nor before words that say no task (``đã``, ``được``,
# ``ghi nhận``, ``đề nghị``): the caller falls back on the verbs it knows.
_NO_TASK = re.compile(
    r"\s+(?:và|các|những|của|thuộc|trực|với|cùng|tại|ở|về|cho|theo|trong|từ|đến|do|nhằm|để|"
    r"đã|đang|được|là|sẽ|có(?!\s+trách nhiệm)|không|chưa|ghi nhận|yêu cầu|đề nghị|"
    r"nhất trí|thống nhất|biểu dương|kết luận|thông báo|giao|chủ trì|đồng chủ trì|"
    r"phối hợp với|phối hợp cùng)(?!\w)"
)
_ENDS_WITH_PLACE = re.compile(rf"\s{_PLACE}$")
# A name that runs on past a known one ends with its place before its verb (``Trung tâm Y
# tế dự phòng tỉnh tổ chức …``): the known name is then only the first words of it.
_RUNS_ON = re.compile(rf"\s{_PLACE}$|\s[tT]rung ương$")


def body_end(text: str) -> int | None:
    """Where the name of the body ``text`` opens with ends, from the bodies the catalogue
    knows: the longest whole name (``Sở Thông tin và Truyền thông``), a kind of body with a
    known proper name (``Phòng Tư pháp``) or with a known body after it (``Ban Thường vụ
    Tỉnh ủy``, ``Văn phòng Đảng ủy xã``), a head any word may follow (``Công an``), each with
    its place (``Ủy ban nhân dân các xã, phường``, ``Ủy ban nhân dân xã Tân Phú``). None when
    the catalogue has no answer: no known body opens the text, or what follows it is no
    task's first word in lower case.
    """
    text = text.rstrip()
    end = _body_at(text, 0, depth=0)
    if end is None:
        return None
    return end if opens_task(text[end:]) else None


def opens_task(following: str) -> bool:
    """Whether the words that follow a known body's name may be its task: a word in lower
    case after a space, not the end of the text, a comma, a bracket, a capitalised word, or a
    word that goes on with the name or says no task (``và``, ``của``, ``đã``, ``đề nghị``)."""
    if not following[:1].isspace() or not following.lstrip()[:1].islower():
        return False
    return _NO_TASK.match(following) is None


def _body_at(text: str, at: int, *, depth: int) -> int | None:
    """The end of the body whose name starts at ``at``, with its place and the body it
    belongs to, or None."""
    ends, bare = _name_ends(text, at, depth=depth)
    if not ends:
        return None
    end = start = max(ends)
    while qualifier := _QUALIFIER.match(text, end):
        end = qualifier.end()
    if _ENDS_WITH_PLACE.search(text, 0, end):
        end = _proper_name(text, end)  # ``xã Tân Phú``, ``tỉnh Nghệ An``
    # ``Ban Tuyên giáo và Dân vận Tỉnh ủy``, ``Ủy ban Kiểm tra Đảng ủy xã``: the body it
    # belongs to, named after it.
    if depth < 2 and text[end : end + 1] == " ":
        parent = _body_at(text, end + 1, depth=depth + 1)
        if parent is not None:
            end = parent
    # ``Thủ trưởng các đơn vị``, ``Ban Chỉ đạo chuyển đổi số tỉnh``, ``Tổ công tác liên
    # ngành``: a head any word may follow, with nothing known after it, may go on with any
    # words; after another body (``Ban Thường vụ Tỉnh ủy``) it is that body's whole name.
    return None if depth == 0 and end == start and start == bare else end


# What joins the bodies of a list (``Sở Y tế, Sở Tài chính``, ``Sở Y tế và Bảo hiểm xã hội
# tỉnh``, ``… và các đơn vị liên quan``), and what names where a body sits or whom it belongs
# to (``Tổ đảng ở Thường trực …``, ``Ủy ban Văn hóa và Xã hội của Quốc hội``).
_JOIN = re.compile(r"\s*[,;]\s*(?:và\s+)?|\s+(?:và|cùng)\s+")
_OF = re.compile(r"\s+(?:của|ở|thuộc)\s+")


def names_end(text: str) -> int | None:
    """Where the bodies ``text`` opens with end, from the catalogue: one body or several in a
    list, each with the body it sits in or belongs to (``Sở Khoa học và Công nghệ, Sở Nội vụ
    | chủ trì``, ``Tổ đảng ở Thường trực Ủy ban Kinh tế và Tài chính``); whatever follows.
    None when no body the catalogue knows opens the text. Unlike :func:`body_end` it does not
    say whether what follows is a task."""
    end = _listed(text, 0)
    while end is not None and (step := _OF.match(text, end) or _JOIN.match(text, end)):
        following = _listed(text, step.end())
        if following is None:
            break
        end = following
    return end


def _listed(text: str, at: int) -> int | None:
    """The end of one body of a list starting at ``at``; a head any word may follow stands
    alone where the body it sits in follows it (``Tổ đảng | ở …``)."""
    end = _body_at(text, at, depth=0)
    kind = catalogue().kind.match(text, at) if end is None else None
    if kind and kind.group(0) in catalogue().free and _OF.match(text, kind.end()):
        return kind.end()
    return end


def _name_ends(text: str, at: int, *, depth: int) -> tuple[list[int], int | None]:
    """Where the names of bodies that start at ``at`` may end (a collective, a whole name, a
    kind with a known proper name, a head any word may follow, a kind and the body it
    serves), and where the head any word may follow ends when it stands alone."""
    known = catalogue()
    ends: list[int] = []
    bare: int | None = None
    if depth == 0 and (collective := known.collective.match(text, at)):
        # ``Các sở, ban, ngành``: a collective may go on as a free head does (``… liên
        # quan``, ``… trên địa bàn``)
        members = known.members.match(text, collective.end())
        bare = members.end() if members else collective.end()
        ends.append(bare)
    if not text[at : at + 1].isupper():
        return ends, bare
    ends.extend(whole.end() for p in (known.known, known.proper) if (whole := p.match(text, at)))
    if kind := known.kind.match(text, at):
        if kind.group(0) in known.free:
            ends.append(kind.end())
            bare = max(bare or 0, kind.end())
        # ``Ban Thường vụ Tỉnh ủy``, ``Văn phòng Đảng ủy xã``: a kind of body and the body
        # it serves.
        if depth < 2 and text[kind.end() : kind.end() + 1] == " ":
            served = _body_at(text, kind.end() + 1, depth=depth + 1)
            if served is not None:
                ends.append(served)
    # a head that is itself a whole name (``Tỉnh đoàn``, ``Tỉnh ủy``) is not bare
    return ends, None if bare is not None and ends.count(bare) > 1 else bare


_WORD = re.compile(r"\s+([^\W\d_]+)")


def _proper_name(text: str, at: int) -> int:
    """The end of the capitalised words from ``at`` on (a place's name)."""
    while (word := _WORD.match(text, at)) and word.group(1)[:1].isupper():
        at = word.end()
    return at


def name_runs_on(words: str) -> bool:
    """Whether ``words`` (what stands between a known name and the first verb the caller
    knows) end with a place, and so are more of the name."""
    return _RUNS_ON.search(words) is not None

"""Agency cells (``Cơ quan chủ trì``, ``Cơ quan phối hợp``): abbreviations spelled out, and
the cell split into one entry per agency as extraction/SCHEMA.md says.

How plans list agencies: ``;`` always separates; ``,`` separates whole agency names
(``Sở Nội vụ, Sở Tài chính``) but also runs inside a name (``Bộ Văn hóa, Thể thao và Du lịch``)
and inside a collective phrase, which stays one entry (``Các sở, ban, ngành, địa phương``,
``Báo, đài phát thanh, truyền hình các cấp``). ``và`` separates two named bodies (``Bộ Công
an và Bộ Quốc phòng``) and nothing else: not inside a name (``Sở Khoa học và Công nghệ``,
``Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh``), and not before a collective
(``Bộ Kế hoạch và Đầu tư và các địa phương`` is one entry, as the gold files write it; the
resolver finds the body in it, orgs/resolve.py ``split_joined``). The words of a role
(``chủ trì``, ``phối hợp với``, ``tham mưu``, ``hướng dẫn``) are not part of any name.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.resources import files

from theodoi.ingest.fields.bodies import catalogue, opens_with_body, split_outside
from theodoi.ingest.textnorm import normalize_text

_LETTER_OR_JOIN = r"\w&/\-"


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    table: dict[str, str] = {}
    # Abbreviations that are syllables too (``TƯ``): left alone beside another word in
    # capitals, where they are that word (``TƯ PHÁP``, ``ĐẦU TƯ``).
    words: set[str] = set()
    source = files("theodoi.ingest.fields").joinpath("abbreviations.csv").read_text("utf-8")
    for row in csv.DictReader(source.splitlines()):
        abbreviation = row["abbreviation"]
        if abbreviation and not abbreviation.startswith("#"):
            table[abbreviation] = row["expansion"]
            if row["also_a_word"]:
                words.add(abbreviation)
    # Longest first, so that ``CSDLQG`` wins over ``CSDL`` and ``BCH Quân sự`` over ``BCH``.
    alternatives = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    # Not inside a word nor inside a document number (``57-NQ/TW``, ``66/KH-UBND``).
    pattern = re.compile(rf"(?<![{_LETTER_OR_JOIN}])({alternatives})(?![{_LETTER_OR_JOIN}])")
    return pattern, table, frozenset(words)


def _among_capitals(text: str, start: int, end: int, table: dict[str, str]) -> bool:
    """Whether a word in capitals of two letters or more, not an abbreviation itself
    (``BCH TƯ``), stands just before ``start`` or just after ``end``."""
    before = text[max(0, start - 12) : start].split()
    after = text[end : end + 12].split()
    return any(len(w) > 1 and w.isupper() and w not in table for w in (before[-1:] + after[:1]))


def expand_abbreviations(text: str) -> str:
    """Spell out the abbreviations of agency names and plan terms (``UBND``, ``Sở TT&TT``,
    ``CSDL``, ``TW``, ``VTV``); text that merely contains those letters is left alone."""
    pattern, table, words = _abbreviations()

    def spell(match: re.Match[str]) -> str:
        expansion = table[match.group(1)]
        start = match.start()
        if match.group(1) in words and _among_capitals(text, start, match.end(), table):
            return match.group(1)
        # Only the few characters before matter: a text may be a whole document.
        opens_text = start < 8 and not text[:start].strip()
        if opens_text or re.search(r"[.!?:]\s*$", text[max(0, start - 8) : start]):
            return expansion[:1].upper() + expansion[1:]
        return expansion

    return pattern.sub(spell, text)


# The words that open a body's name come from the catalogue (bodies.csv).
_HEADS = "|".join(re.escape(head) for head in catalogue().heads)
# ``Các Sở: Tài chính, Nội vụ``, ``Các Vụ: Pháp chế, Tổ chức cán bộ``: one head shared by the
# names listed after it; only a head that a capitalised name follows (``Sở``, ``Cục``, ``Vụ``).
_NAME_HEADS = "|".join(
    re.escape(head) for head in catalogue().heads if head not in catalogue().free
)
_SHARED_HEAD = re.compile(rf"^(?:các\s+)?({_NAME_HEADS})\s*:\s*(.+)$", re.IGNORECASE)
_NAMED = re.compile(rf"^({_HEADS})(?!\w)", re.IGNORECASE)
_NAMED_CAPITALISED = re.compile(rf"^({_HEADS})(?!\w)")
_COLLECTIVE_START = re.compile(r"^(các|những|mọi|toàn bộ|tất cả)\s", re.IGNORECASE)
# A cell sometimes runs on into what the agencies are to do (seed 004, row 42).
_RUNS_ON = re.compile(
    r"\s+(tiếp tục|theo chức năng|chịu trách nhiệm|có trách nhiệm|chủ động)\b.*$", re.IGNORECASE
)
# ``Bộ Thông tin và Truyền thông Bộ Khoa học và Công nghệ``: a separator lost in copying.
_LOST_SEPARATOR = re.compile(r"\s(?=(?:Bộ|Sở)\s(\w))")
# A kind of body with no name of its own: what follows it only says, in lower case, what sort
# it is or that it is concerned (``Tổng công ty nhà nước``, ``Cục liên quan``), or whose it is
# (``Trung tâm thuộc Bộ``).
_UNNAMED_KIND = re.compile(
    r"(?:vụ|cục|viện|sở|ban|phòng|trung tâm|chi cục|tổng cục|đơn vị|cơ quan|trường"
    r"|tập đoàn|tổng công ty|công ty|doanh nghiệp)"
    r"(?:\s+(?:trực\s+)?thuộc\s+(?:bộ|sở))?(?P<rest>(?:\s+\S+)*)",
    re.IGNORECASE,
)


def _unnamed_kind(piece: str) -> bool:
    match = _UNNAMED_KIND.fullmatch(piece)
    return match is not None and all(word.islower() for word in match.group("rest").split())


_CONNECTORS = {"và", "của", "thuộc", "với", "cho", "tại", "các", "trực", "về", "hoặc"}
_EMPTY = {"", "-", "--", "x", "/", "…"}


def split_agencies(text: str | None) -> list[str]:
    """One entry per agency, abbreviations spelled out, names otherwise as written."""
    if text is None:
        return []
    cleaned = " ".join(_join_lines(normalize_text(text)).split()).strip(" .;,")
    if cleaned in _EMPTY:
        return []
    agencies: list[str] = []
    for segment in split_outside(expand_abbreviations(_unbracketed(cleaned)), ";"):
        for named in _without_roles(_RUNS_ON.sub("", segment)):
            agencies.extend(a for entry in _split_segment(named) for a in _members(entry))
    return agencies


def _unbracketed(cell: str) -> str:
    """``(Cục A, Cục B)``: a cell that is one bracket lists what the bracket holds."""
    if not (cell.startswith("(") and cell.endswith(")")):
        return cell
    depth = 0
    for k, ch in enumerate(cell):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and k < len(cell) - 1:
            return cell  # ``(A) và (B)``: two brackets, not one
    return cell[1:-1].strip(" .;,")


# A role in a cell of agencies: ``Sở Y tế chủ trì``, ``Phối hợp với Công an tỉnh``, ``Cấp ủy
# phối hợp Thủ trưởng đơn vị``, ``Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh``, ``(chủ trì)``.
# Lower case inside a cell (``Trung tâm Hướng dẫn …`` is a name), any case at its start.
_ROLE = r"(?:đồng\s+)?(?:chủ trì|phối hợp(?:\s+(?:với|cùng))?|tham mưu(?:\s+cho)?|hướng dẫn)"
_ROLE_INSIDE = re.compile(rf"\s*[,(]?\s*\(?\b{_ROLE}\b\)?\s*[:,)]?\s*")
_ROLE_FIRST = re.compile(rf"^\(?{_ROLE}\b\)?\s*[:,)]?\s*", re.IGNORECASE)
# After these a body is the one advised or guided, not one that acts.
_ADDRESSEE_ROLES = ("tham mưu", "hướng dẫn")


def _without_roles(segment: str) -> list[str]:
    """The bodies a segment names, without the words of their roles: what follows a role is
    kept when it names a body (a partner), not when it is the work (``phối hợp triển khai``)
    or the body advised (``tham mưu Ủy ban nhân dân tỉnh``)."""
    first = _ROLE_FIRST.match(segment)
    rest = segment[first.end() :] if first else segment
    pieces: list[str] = []
    at = 0
    role: str | None = None
    for match in _ROLE_INSIDE.finditer(rest):
        pieces.extend(_kept(rest[at : match.start()], role, named_before=bool(pieces)))
        role = match.group(0)
        at = match.end()
    pieces.extend(_kept(rest[at:], role, named_before=bool(pieces)))
    return pieces


def _kept(piece: str, role: str | None, *, named_before: bool) -> list[str]:
    piece = piece.strip(" ,.:")
    if not piece:
        return []
    if role is None:
        return [piece]
    if named_before and any(r in role for r in _ADDRESSEE_ROLES):
        return []
    return [piece] if opens_with_body(piece) else []


# ``Các đơn vị liên quan (Cục Chuyển đổi số, Vụ Pháp chế)``: a collective whose members are
# named in brackets is those members.
_BRACKETED_MEMBERS = re.compile(r"^(?:các|những)\b[^()]*\((?P<members>[^()]+)\)\s*$", re.I)


def _members(entry: str) -> list[str]:
    match = _BRACKETED_MEMBERS.match(entry)
    if match is None:
        return [entry]
    members = [m.strip(" .") for m in match.group("members").split(",")]
    if len(members) > 1 and all(_NAMED_CAPITALISED.match(m) for m in members):
        return members
    return [entry]


def _join_lines(text: str) -> str:
    """A cell of several lines: a line that starts a new body (``- Sở Nội vụ``, ``Công an
    tỉnh``) is a new entry; any other line continues a name wrapped in a narrow column."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[:1]
    for line in lines[1:]:
        previous = out[-1]
        bullet = re.match(r"^[-+•*]\s*", line)
        head = _NAMED_CAPITALISED.match(line) or _COLLECTIVE_START.match(line)
        ends_open = previous.split()[-1].lower() in _CONNECTORS or previous.endswith(("-", ","))
        only_head = (match := _NAMED.match(previous)) is not None and match.end() == len(previous)
        if bullet or (head and not ends_open and not only_head):
            out.append(", " + line[bullet.end() :] if bullet else ", " + line)
        else:
            out.append(" " + line)
    return "".join(out)


def _split_segment(segment: str) -> list[str]:
    shared = _SHARED_HEAD.match(segment.strip())
    if shared:
        head = shared.group(1).capitalize()
        names = (name.strip(" .") for name in shared.group(2).split(","))
        return [f"{head} {name}" for name in names if name]
    entries: list[str] = []
    collective = False
    for raw in split_outside(segment, ","):
        piece = raw.strip(" .:-+•*")
        if not piece:
            continue
        if entries and piece.startswith("và "):
            piece = piece[3:]
        if not entries or _starts_new_entry(piece, collective=collective):
            entries.append(piece)
            collective = _is_collective_start(piece)
        else:
            entries[-1] = f"{entries[-1]}, {piece}"
        if " các " in f" {piece} " or " và các " in piece:
            collective = True
    return [
        body
        for entry in entries
        for part in _split_lost_separators(entry)
        for body in _split_joined_bodies(part)
    ]


def _split_joined_bodies(entry: str) -> list[str]:
    """``Bộ Công an và Bộ Quốc phòng``: two bodies. A ``và`` inside a whole name
    (``Văn phòng Hội đồng nhân dân và Ủy ban nhân dân``), inside a name that the catalogue
    does not hold (``Sở Khoa học và Công nghệ``: ``Công nghệ`` opens no body) or before a
    collective (``… và các bộ, ngành``) joins."""
    if " và " not in entry or _is_collective_start(entry) or not opens_with_body(entry):
        return [entry]
    bodies: list[str] = []
    for piece in split_outside(entry, " và "):
        if bodies and not (piece[:1].isupper() and opens_with_body(piece)):
            bodies[-1] = f"{bodies[-1]} và {piece}"
        else:
            bodies.append(piece)
    return bodies


def _starts_new_entry(piece: str, *, collective: bool) -> bool:
    if _COLLECTIVE_START.match(piece):
        return True
    if collective:
        # Inside a collective list only a named body of its own starts a new entry
        # (``Các cơ quan Đảng, Quốc hội, Tòa án nhân dân tối cao``); a kind of body with no
        # name goes on with the list (``Các Vụ, Cục liên quan``, ``Các Cục, Viện``).
        named = bool(_NAMED_CAPITALISED.match(piece)) and not _unnamed_kind(piece)
        return named and " các " not in f" {piece} "
    # After a named body: another body (``cơ quan thuế``), not the rest of a name
    # (``Bộ Văn hóa, Thể thao và Du lịch``, ``Bộ Khoa học, Công nghệ``).
    return bool(_NAMED.match(piece))


def _is_collective_start(piece: str) -> bool:
    """``Các sở``, ``Bộ`` alone (``Bộ, ngành, địa phương``), ``Tập đoàn`` alone."""
    if _COLLECTIVE_START.match(piece):
        return True
    head = _NAMED.match(piece)
    return head is not None and head.end() == len(piece)


def _split_lost_separators(entry: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _LOST_SEPARATOR.finditer(entry):
        before = entry[start : match.start()]
        words = before.split()
        if (
            match.group(1).isupper()
            and len(words) >= 2
            and words[0] in {"Bộ", "Sở"}
            and words[1][:1].isupper()
            and words[-1].lower() not in _CONNECTORS
        ):
            parts.append(before.strip())
            start = match.end()
    parts.append(entry[start:].strip())
    return parts

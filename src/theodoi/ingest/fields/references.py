"""References to other documents, dated: a resolution is its number, its year and its issuer,
not its number alone (``50/NQ-CP`` of 2020 is the Government's programme for ``52-NQ/TW``; a
``50/NQ-CP`` of 2025 is another resolution, and every province has its own ``66/KH-UBND``).

A reference's year is the one its date gives (``Nghị quyết số 03/NQ-CP ngày 09/01/2025``,
``… ngày 09 tháng 01 năm 2025``, ``(ngày 09/01/2025)``), the one its number carries
(``45/2025/NĐ-CP``) or a year written after it (``Nghị quyết 50/NQ-CP năm 2025``); a number
cited again elsewhere with its date takes that date. Its issuer is the body named after it
(``… của Ủy ban nhân dân tỉnh Quảng Ngãi``). Otherwise they are not known.
"""

from __future__ import annotations

import re

from theodoi.ingest.fields.agencies import expand_abbreviations
from theodoi.ingest.fields.bodies import opens_with_body
from theodoi.ingest.fields.dates import find_date_spans
from theodoi.ingest.fields.docnumbers import find_document_number_spans
from theodoi.ingest.plan import Reference
from theodoi.ingest.textnorm import fold, normalize_text

__all__ = ["PROGRAMMES", "Reference", "cites", "find_references", "implemented"]

# The national programmes that put a resolution of the Party into effect, with their year:
# a plan that implements one implements the resolution behind it (SCHEMA.md: ``57-NQ/TW``
# behind ``03/NQ-CP``). Nghị quyết 57-NQ/TW of 22/12/2024 and 52-NQ/TW of 27/9/2019 are the
# Bộ Chính trị's.
PROGRAMMES: dict[tuple[str, int], Reference] = {
    ("03/NQ-CP", 2025): Reference("57-NQ/TW", 2024, "Bộ Chính trị"),
    ("50/NQ-CP", 2020): Reference("52-NQ/TW", 2019, "Bộ Chính trị"),
    # 71/NQ-CP of 01/4/2025 amends and updates the programme of 03/NQ-CP for 57-NQ/TW.
    ("71/NQ-CP", 2025): Reference("57-NQ/TW", 2024, "Bộ Chính trị"),
}
# A reference written without its date is taken for the programme only by a plan written
# while the plans that follow it are written, its first five years (2020-2024 for 50/NQ-CP):
# the Government numbers its resolutions anew each January, and a plan of a later year that
# cites ``50/NQ-CP`` undated cites that year's as likely as the old programme.
_PROGRAMME_YEARS = 5
# How far after a number its date, year and issuer are looked for.
_AFTER = 160
_DATE_AFTER = re.compile(r"^[\s,(]*(?:ban hành\s+)?(?:ngày\s+)?", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"^[\s,(]*năm\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_OWN_YEAR = re.compile(r"/((?:19|20)\d\d)/")
# ``… của Chính phủ về …``, ``…, của UBND tỉnh Quảng Ngãi ban hành …``: the issuer runs to the
# subject, the verb or the next clause.
_ISSUER_AFTER = re.compile(
    r"^[\s,)]*của\s+(?P<issuer>[^,;.()\"]+?)\s*"
    r"(?=\s(?:về|ban hành|thực hiện|triển khai|phê duyệt|quy định|hướng dẫn|năm|ngày|và|"
    r"sửa đổi|bổ sung|cập nhật|"
    r"để|nhằm|tại|với|đã|trong|số|khóa)\b|[,;.()\"]|$)",
    re.IGNORECASE,
)
# Legal authority (laws, decrees, circulars) is the basis of a plan, not what it implements.
_AUTHORITY = re.compile(r"/(QH\d*|NĐ-CP|TT-[\wĐ]+)$|/\d{4}/(QH\d*|NĐ-CP|TT-)")


# ``Nghị quyết 57``, ``Nghị quyết số 57 của Bộ Chính trị``: a resolution, conclusion or
# directive of the Party's centre cited by its figure alone, which the Party numbers
# ``57-NQ/TW``, ``14-KL/TW``, ``05-CT/TW`` (Hướng dẫn 36-HD/VPTW).
_BARE = re.compile(
    r"\b(nghị quyết|kết luận|chỉ thị)\s+(?:số\s+)?(\d{1,3})(?![\w/-])", re.IGNORECASE
)
_PARTY_KINDS = {"nghị quyết": "NQ", "kết luận": "KL", "chỉ thị": "CT"}
_PARTY_CENTRE = re.compile(r"^(bộ chính trị|ban bí thư|(ban chấp hành )?trung ương)", re.I)


def find_references(text: str, *, party: bool = False) -> list[Reference]:
    """Every document number in ``text``, once each, with the year and the issuer that any
    of its citations gives; a figure alone (``Nghị quyết 57``) is the Party centre's when
    the centre is named after it, or when nobody is and a Party document (``party``)
    cites it."""
    text = normalize_text(text)
    found: dict[str, Reference] = {}
    cited_at = [
        (end, number) for _, end, number in find_document_number_spans(text)
    ] + _bare_numbers(text, party=party)
    for end, number in sorted(cited_at):
        cited = _cited_at(number, text[end : end + _AFTER])
        known = found.get(number)
        found[number] = cited if known is None else _merged(known, cited)
    return list(found.values())


def _bare_numbers(text: str, *, party: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for match in _BARE.finditer(text):
        number = f"{match.group(2)}-{_PARTY_KINDS[match.group(1).lower()]}/TW"
        issuer = _cited_at(number, text[match.end() : match.end() + _AFTER]).issuer
        if (issuer is None and party) or (issuer and _PARTY_CENTRE.match(issuer)):
            out.append((match.end(), number))
    return out


def _cited_at(number: str, after: str) -> Reference:
    # Normalised text has no run of spaces; without the leading one the date's place in
    # ``after`` is its place in what find_date_spans reads.
    after = after.lstrip()
    own = _OWN_YEAR.search(number)
    year = int(own.group(1)) if own else None
    lead = _DATE_AFTER.match(after)
    spans = find_date_spans(after)
    rest = after
    if lead and spans and spans[0][0] <= lead.end():
        year = year or spans[0][2].year
        rest = after[spans[0][1] :]
    elif (written := _YEAR_AFTER.match(after)) is not None:
        year = year or int(written.group(1))
        rest = after[written.end() :]
    issuer = _ISSUER_AFTER.match(rest)
    named = expand_abbreviations(issuer.group("issuer")) if issuer else None
    return Reference(number, year, named if named and opens_with_body(named) else None)


def _merged(known: Reference, again: Reference) -> Reference:
    return Reference(known.number, known.year or again.year, known.issuer or again.issuer)


def programme_behind(reference: Reference, plan_year: int | None) -> Reference | None:
    """The resolution a national programme puts into effect, when ``reference`` is that
    programme: its year matches, or it is undated and the plan falls in the programme's
    years."""
    for (number, year), behind in PROGRAMMES.items():
        if reference.number != number:
            continue
        if reference.year is not None:
            if reference.year == year:
                return behind
        elif plan_year is None or year <= plan_year < year + _PROGRAMME_YEARS:
            return behind
    return None


def implemented(
    sources: list[str], own: str | None, plan_year: int | None, *, party: bool = False
) -> list[Reference]:
    """The documents a plan of ``plan_year`` puts into effect, from the lines that cite them
    (``Căn cứ``, ``Thực hiện``, its title): each once, dated wherever one line dates it,
    without the plan's own number or the laws and decrees it rests on, and with the
    resolution behind a national programme it implements. ``party``: the plan is a Party
    document, whose ``Nghị quyết 57`` is the Party centre's."""
    found: dict[str, Reference] = {}
    for text in sources:
        for reference in find_references(text, party=party):
            number = reference.number
            if number == own or _AUTHORITY.search(number):
                continue
            known = found.get(number)
            found[number] = reference if known is None else _merged(known, reference)
    for reference in list(found.values()):
        behind = programme_behind(reference, plan_year)
        if behind is not None and behind.number not in found:
            found[behind.number] = behind
    return list(found.values())


def cites(reference: Reference, number: str, year: int | None, issuer: str | None) -> bool:
    """Whether ``reference`` names the document numbered ``number`` that ``issuer`` issued in
    ``year``: the same number, and the same year and issuer wherever both sides know them
    (a 2025 ``50/NQ-CP`` is not the one of 2020; Quảng Nam's ``66/KH-UBND`` is not Quảng
    Ngãi's). An issuer named in part (``Ủy ban nhân dân tỉnh``) is the whole one."""
    if _number_key(reference.number) != _number_key(number):
        return False
    if reference.year is not None and year is not None and reference.year != year:
        return False
    if reference.issuer and issuer:
        cited, known = _issuer_key(reference.issuer), _issuer_key(issuer)
        return cited in known or known in cited
    return True


def _number_key(number: str) -> str:
    return "".join(fold(number).split())


def _issuer_key(issuer: str) -> str:
    return fold(expand_abbreviations(issuer))

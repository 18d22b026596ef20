"""The document's own particulars: number, kind, title, issuer, province, date, signer and
the higher documents it implements.

A full text carries them where Nghị định 30/2020/NĐ-CP puts them: the issuing body at the
top left (``ỦY BAN NHÂN DÂN`` / ``TỈNH QUẢNG NGÃI``), ``Số: 66/KH-UBND``, the place and date
line (``Quảng Ngãi, ngày 18 tháng 5 năm 2020``), the kind in capitals (``KẾ HOẠCH``) over
the subject, ``Căn cứ …``/``Thực hiện …`` lines, and the signature. A text without a header
block gives its number and date in the appendix captions (``Ban hành kèm theo Kế hoạch số
69/KH-UBND ngày 25/02/2025``); a news summary gives them in its lead sentence
(``Ngày 24/2/2025, Bí thư … thay mặt Ban Thường vụ Tỉnh ủy Quảng Nam ký ban hành Chương trình
số 60-CTr/TU``).
"""

from __future__ import annotations

import re
from collections import Counter

from theodoi.ingest.fields.agencies import expand_abbreviations
from theodoi.ingest.fields.bodies import (
    central_name,
    is_central_body,
    is_known_body,
    is_organ,
    opens_with_body,
    spelt_as_catalogue,
)
from theodoi.ingest.fields.dates import parse_date
from theodoi.ingest.fields.docnumbers import find_document_numbers
from theodoi.ingest.fields.references import Reference, implemented
from theodoi.ingest.plan import DocumentInfo, DocumentKind
from theodoi.ingest.segment import Section, Segmented, is_person_name
from theodoi.ingest.textnorm import fold_normalized

_KINDS: dict[str, DocumentKind] = {
    "kế hoạch": "ke_hoach",
    "chương trình": "chuong_trinh",
    "nghị quyết": "nghi_quyet",
    "quyết định": "quyet_dinh",
    "báo cáo": "bao_cao",
    # A directive or a notice of conclusions is another kind of document, titled all the same.
    "chỉ thị": "khac",
    "thông báo": "khac",
}
_KIND_LINE = re.compile(r"^(kế hoạch|chương trình|nghị quyết|quyết định|báo cáo)\b")
_TITLE_LINE = re.compile(
    r"^(kế hoạch|chương trình|nghị quyết|quyết định|báo cáo|chỉ thị|thông báo)\b"
)
# An official letter's subject under its number (``V/v triển khai …``, ``Về việc bồi dưỡng
# …``), maybe wrapped onto a line that goes on in lower case: its title.
_LETTER_SUBJECT = re.compile(r"^(?:v/v|về việc)\s")
_NUMBER_LINE = re.compile(r"^số\s*:?\s*\d")
# How far down a republished page the document's header may start.
_PREAMBLE_LINES = 40
_PLACE_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày\s+\d")
# The national motto and the Party's heading stand beside the issuer, never in its name.
# The Youth Union's heading stands where the Party's does, on a line of its own (``ĐOÀN TNCS
# HỒ CHÍ MINH`` beside ``TỈNH ĐOÀN X``; ``BCH ĐOÀN TNCS HỒ CHÍ MINH`` is an issuer).
_NATIONAL = re.compile(
    r"^(cộng hòa xã hội chủ nghĩa việt nam|độc lập - tự do - hạnh phúc|đảng cộng sản việt nam"
    r"|đoàn (?:tncs|thanh niên cộng sản) hồ chí minh|[-*_ ]+)$"
)
_MOTTO = re.compile(r"cộng hòa xã hội|đảng cộng sản việt nam")
_PARTY_HEADING = re.compile(r"đảng cộng sản việt nam")
_PARTY_NUMBER = re.compile(r"^\d+-")
# The body that issues under a governing one (``UBND TỈNH X`` over ``SỞ KHOA HỌC VÀ CÔNG
# NGHỆ``, ``BỘ GIÁO DỤC VÀ ĐÀO TẠO`` over ``TRƯỜNG ĐẠI HỌC …``, ``TẬP ĐOÀN …`` over ``TỔNG
# CÔNG TY …``, ``ĐẢNG BỘ TỈNH X`` over ``TỈNH ỦY X``): the lower line names the issuer.
_ORGAN = re.compile(
    r"^(sở|ban|văn phòng|cục|chi cục|tổng cục|trung tâm|đảng ủy|tỉnh ủy|thành ủy|ban chỉ đạo"
    r"|vụ|viện|phòng|trường|học viện|đại học|bệnh viện|tổng công ty|công ty|ủy ban|hội đồng"
    r"|đảng đoàn|ban cán sự|thường trực)\b"
)
_CAPTION = re.compile(
    r"(?:ban hành )?kèm theo (?:chương trình hành động tại )?"
    r"(kế hoạch|chương trình|nghị quyết|quyết định)\s+số",
    re.IGNORECASE,
)
_OWN_NUMBER = re.compile(
    r"ban hành (kế hoạch|chương trình|nghị quyết|quyết định) số\s+(\S+)", re.IGNORECASE
)
_SOURCE_TAG = re.compile(r"^\([^)]{1,20}\)\s*-\s*")
_ON_BEHALF = re.compile(r"thay mặt (.+?) (?:đã )?ký ban hành", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^(.+?)\s+(?:vừa (?:mới )?|đã |chính thức )?(?:ký )?ban hành\b", re.IGNORECASE
)
_ISSUERS = re.compile(
    r"^(ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|ban thường vụ|ban chấp hành|tỉnh ủy|"
    r"thành ủy|chính phủ|thủ tướng|bộ |sở |ban chỉ đạo)",
    re.IGNORECASE,
)
_NATIONAL_ISSUERS = re.compile(
    r"^(chính phủ|thủ tướng|bộ |quốc hội|bộ chính trị|ban bí thư|ban chấp hành trung ương|"
    r"văn phòng chính phủ|ủy ban thường vụ quốc hội)"
)
_PLACE_MARKER = re.compile(
    r"\b(tỉnh ủy|tỉnh đoàn|tỉnh|thành ủy|thành đoàn|thành phố)\s+", re.IGNORECASE
)
_SIGNER_IN_LEAD = re.compile(
    r"(?:Bí thư|Phó Bí thư|Chủ tịch|Phó Chủ tịch|Giám đốc|Bộ trưởng|Thủ tướng)"
    r"(?:\s+(?:Tỉnh ủy|Thành ủy|UBND tỉnh|Ủy ban nhân dân tỉnh|tỉnh))?"
    r"\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)\s+(?:thay mặt|đã ký|ký)"
)
_IMPLEMENTS_LINE = re.compile(r"^(căn cứ|thực hiện)\b")
# What a ``Căn cứ`` clause rests on rather than carries out: a law, a charter or a
# regulation (``Căn cứ Quy định số 296-QĐ/TW … về công tác kiểm tra, giám sát``), and the
# act that sets up the issuer (``Quyết định số 05/2025/QĐ-UBND … quy định chức năng, nhiệm
# vụ, quyền hạn và cơ cấu tổ chức của Sở …``). ``Thực hiện Quy định …`` does carry it out.
_BASIS = re.compile(
    r"^\s*(căn cứ\s+)?((bộ )?luật|hiến pháp|điều lệ)\b|^\s*(căn cứ\s+)?(quy định|quy chế) (số )?\d"
)
_CHARTER = re.compile(r"\bquy định chức năng, nhiệm vụ, quyền hạn\b")
_CARRYING_OUT = re.compile(
    r"\b(?:thực hiện|triển khai|theo)\s+(?=(?:các\s+)?(?:nghị quyết|kết luận|chỉ thị|chương trình"
    r"|kế hoạch|quyết định)\b)",
    re.IGNORECASE,
)
# Words kept capitalised when an upper-case title is put in sentence case.
_PROPER = [
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ",
    "Tỉnh ủy",
    "Đảng ủy",
    "Thành ủy",
    "Quốc hội",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Trung ương",
    "Cách mạng công nghiệp",
    "Việt Nam",
]
_DOCUMENT_WORDS = re.compile(
    r"\b(kế hoạch|chương trình|nghị quyết|quyết định|chỉ thị|kết luận|thông báo)(?=\s+(?:số|\d))"
)


def sentence_case(text: str) -> str:
    """An upper-case title as the gold files write it: lower case, first letter, document
    numbers, document kinds before their number and proper names capitalised."""
    numbers = find_document_numbers(text)
    out = text.lower()
    for number in numbers:
        out = re.sub(re.escape(number.lower()), number, out, flags=re.IGNORECASE)
    out = _DOCUMENT_WORDS.sub(lambda m: m.group(1)[0].upper() + m.group(1)[1:], out)
    for name in _PROPER:
        out = re.sub(rf"\b{re.escape(name.lower())}\b", name, out)
    out = re.sub(r"\b(tỉnh|thành phố|huyện)\s+(\w)", lambda m: f"{m.group(1)} {m.group(2)}", out)
    return out[:1].upper() + out[1:]


def _catalogue_case(text: str) -> str:
    """Bodies' names spelt as the catalogue spells them (``Hội Liên hiệp Phụ nữ``, ``Ban
    Chấp hành``); one-word heads only at the start, where ``ban`` cannot be a verb."""
    return spelt_as_catalogue(text)


def _proper_case(upper: str) -> str:
    """``ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI`` -> ``Ủy ban nhân dân tỉnh Quảng Ngãi``; a
    department or ministry capitalises each field of its name (``SỞ VĂN HÓA, THỂ THAO VÀ DU
    LỊCH`` -> ``Sở Văn hóa, Thể thao và Du lịch``)."""
    text = _catalogue_case(sentence_case(expand_abbreviations(upper)))
    if re.match(r"^(Sở|Bộ) ", text):
        text = re.sub(r"^(Sở|Bộ) (\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
        text = re.sub(r"(, | - | và )(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    match = re.search(
        r"\b(tỉnh ủy|thành ủy|tỉnh đoàn|thành đoàn|tỉnh|thành phố|huyện|xã|phường|thị trấn"
        r"|đặc khu)\s+(.+)$",
        text,
        re.I,
    )
    if match:
        place = " ".join(w[:1].upper() + w[1:] for w in match.group(2).split())
        # a known name is spelt as the catalogue has it (``Bảo hiểm xã hội`` names no xã)
        text = _catalogue_case(text[: match.start(2)] + place)
    return text


def _front(root: Section) -> list[str]:
    return root.paragraphs


def _subtitle(lines: list[str]) -> str:
    """The subject under the kind line: one line, and the lines that go on from it (in
    capitals after a line in capitals, or starting in lower case: ``CỦA BỘ CHÍNH TRỊ`` /
    ``về đột phá phát triển …``), until the body starts."""
    if not lines or len(lines[0].split()) > 80:
        return ""
    parts = [lines[0]]
    for line in lines[1:4]:
        goes_on = line[:1].islower() or (
            parts[-1] == parts[-1].upper() == lines[0] and line == line.upper()
        )
        if not goes_on:
            break
        parts.append(line)
    cased = [sentence_case(p) if p == p.upper() else p for p in parts]
    return " ".join(p[:1].lower() + p[1:] for p in cased)


def _kind_and_title(front: list[str]) -> tuple[DocumentKind | None, str | None]:
    for k, line in enumerate(front):
        key = fold_normalized(line)
        match = _TITLE_LINE.match(key)
        if match and line == line.upper() and len(line.split()) <= 8:
            kind = _KINDS[match.group(1)]
            following = front[k + 1] if k + 1 < len(front) else ""
            if len(line.split()) > 2 and not following[:1].islower():
                return kind, sentence_case(line)
            if len(line.split()) > 2:
                # ``CHƯƠNG TRÌNH HÀNH ĐỘNG`` / ``thực hiện …``: the subject goes on below.
                return kind, f"{sentence_case(line)} {_subtitle(front[k + 1 :])}"
            subtitle = _subtitle(front[k + 1 :])
            head = sentence_case(match.group(1))
            return kind, f"{head} {subtitle}" if subtitle else head
    return None, None


def _letter_subject(front: list[str]) -> str | None:
    """An official letter's ``V/v …`` line and the lines that go on from it."""
    for k, line in enumerate(front[:12]):
        if _LETTER_SUBJECT.match(fold_normalized(line)):
            parts = [line]
            for following in front[k + 1 : k + 4]:
                if not following[:1].islower():
                    break
                parts.append(following)
            return " ".join(" ".join(parts).split())
    return None


def _headline(front: list[str]) -> str | None:
    """A news summary's headline: its first line that names a plan."""
    for line in front[:6]:
        if _KIND_LINE.match(fold_normalized(line)) and len(line.split()) <= 80:
            return line
    return None


def _in_header(line: str) -> bool:
    """A line of the header's left column: the issuer in capitals, or a letter's subject
    (``V/v …``, ``Về việc …`` and the lines it wraps onto in lower case)."""
    return line == line.upper() or line[:1].islower() or bool(_LETTER_SUBJECT.match(line.lower()))


def _header_start(front: list[str]) -> int:
    """Where the document's own header begins. A page that republishes a plan (a portal, an
    e-newspaper) puts its site name, menus and news intro first: the header is the run of
    header lines just before the first number line or motto."""
    for k, line in enumerate(front[:_PREAMBLE_LINES]):
        key = fold_normalized(line)
        if _NUMBER_LINE.match(key) or _MOTTO.search(key):
            while k > 0 and _in_header(front[k - 1]):
                k -= 1
            return k
    return 0


def _header_lines(front: list[str]) -> list[str]:
    """The upper-case lines of the issuer at the top left, before the number or the motto.
    A Party document may put ``ĐẢNG CỘNG SẢN VIỆT NAM`` first (a Word table read row by
    row); the issuer's lines follow it then."""
    lines: list[str] = []
    start = _header_start(front)
    for line in front[start : start + 10]:
        key = fold_normalized(line)
        motto = _MOTTO.search(key)
        if motto and motto.start() > 0:
            lines.append(line[: motto.start()].strip())
            break
        if _NATIONAL.match(key) and not lines:
            continue
        if _NATIONAL.match(key) or _NUMBER_LINE.match(key):
            break
        if line != line.upper() or _KIND_LINE.match(key):
            break
        lines.append(line)
    return lines


def _header_issuer(lines: list[str]) -> str | None:
    """The issuer the header lines name: the lower body when a governing one stands over it
    (``UBND TỈNH X`` over ``SỞ …``, ``ĐẢNG BỘ TỈNH X`` over ``ĐẢNG ỦY XÃ Y``)."""
    if not lines:
        return None
    whole = _proper_case(" ".join(lines))
    if len(lines) > 1 and is_known_body(whole):
        # One name run over two lines (``ỦY BAN THƯỜNG VỤ`` / ``QUỐC HỘI``), not a body over
        # another.
        return whole
    # ``HỘI CCB VIỆT NAM`` over ``HỘI CCB XÃ TÂN LẬP``, ``TỔNG LĐLĐ VIỆT NAM`` over ``LĐLĐ
    # TỈNH X``: a lower line that opens with a body the catalogue knows is a body too.
    if len(lines) > 1 and (
        _ORGAN.match(fold_normalized(lines[-1])) or opens_with_body(_proper_case(lines[-1]))
    ):
        organ = _proper_case(lines[-1])
        place = _header_place(lines)
        if organ.startswith("Sở") and place:
            return f"{organ} tỉnh {place}"
        council = _proper_case(" ".join(lines[:-1]))
        if fold_normalized(council) == "ban chấp hành trung ương" and (
            central := central_name(organ)
        ):
            return central
        if _ORGAN.fullmatch(fold_normalized(lines[-1]).strip()) or is_organ(organ):
            # ``UBND TỈNH THÁI NGUYÊN`` over ``VĂN PHÒNG``, ``HĐND TỈNH X`` over ``THƯỜNG
            # TRỰC``, ``ỦY BAN MTTQ VIỆT NAM TỈNH X`` over ``BAN THƯỜNG TRỰC``, ``HỘI NÔNG
            # DÂN TỈNH X`` over ``BAN THƯỜNG VỤ``: a unit with no name of its own (the
            # catalogue's organs) is named by the body it serves (``Văn phòng Ủy ban nhân
            # dân tỉnh Thái Nguyên``, ``Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam
            # tỉnh X``).
            return f"{organ} {council}"
        if organ.startswith("Ban ") and council.startswith(
            ("Hội đồng nhân dân", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Huyện ủy")
        ):
            # ``HĐND TỈNH X`` over ``BAN KINH TẾ - NGÂN SÁCH``, ``TỈNH ỦY X`` over ``BAN
            # TUYÊN GIÁO VÀ DÂN VẬN``: a council's committee or a Party committee's
            # department is named with its council or committee, each field of its name
            # capitalised.
            fields = re.sub(
                r"(^Ban | - | và )(\w)", lambda m: m.group(1) + m.group(2).upper(), organ
            )
            return f"{fields} {council}"
        if _PARTY_COMMITTEE.match(fold_normalized(council)) and not _NAMES_ITS_BODY.search(
            fold_normalized(organ)
        ):
            # ``ĐẢNG ỦY XÃ X`` over ``ỦY BAN KIỂM TRA``: a committee's own organ is named with
            # the committee (``Ủy ban Kiểm tra Đảng ủy xã X``).
            return f"{organ} {council}"
        return organ
    over, lower = _proper_case(" ".join(lines[:-1])), _proper_case(lines[-1])
    if len(lines) > 1 and is_known_body(over) and opens_with_body(lower):
        # ``BỘ TÀI CHÍNH`` over ``BẢO HIỂM XÃ HỘI VIỆT NAM``: a whole body over another.
        return lower
    return whole


def _header_place(lines: list[str]) -> str | None:
    """The province of the governing body over the issuer (``ĐẢNG BỘ TỈNH NINH BÌNH``)."""
    if len(lines) < 2:
        return None
    named = places(_proper_case(" ".join(lines[:-1])), cities=True)
    return named[0] if named else None


def _lead_issuer(front: list[str]) -> str | None:
    for line in front:
        text = expand_abbreviations(_SOURCE_TAG.sub("", line))
        match = _ON_BEHALF.search(text)
        if match:
            return match.group(1).strip()
        match = _SUBJECT.match(re.sub(r"^ngày [^,]{4,30},\s*", "", text, flags=re.IGNORECASE))
        if match and _ISSUERS.match(match.group(1)) and len(match.group(1).split()) <= 10:
            return match.group(1).strip()
    return None


def places(text: str, *, cities: bool) -> list[str]:
    """Proper names written after ``tỉnh`` (and ``thành phố`` when ``cities``): ``tỉnh Tiền
    Giang`` -> ``Tiền Giang``."""
    out: list[str] = []
    for match in _PLACE_MARKER.finditer(text):
        if not cities and fold_normalized(match.group(1)).startswith("thành"):
            continue
        words: list[str] = []
        for word in text[match.end() : match.end() + 80].split()[:4]:
            bare = word.rstrip(".,;:)")
            if not words and fold_normalized(bare) in ("ủy", "đoàn"):
                # ``Tỉnh ủy``, ``Tỉnh đoàn``: the province's Party committee and Youth Union
                break
            # A name is words in title case; ``(GRDP)`` or ``UBND`` is not one.
            if not bare[:1].isupper() or (len(bare) > 1 and bare.isupper()):
                break
            words.append(bare)
            if bare != word:
                break
        if words:
            out.append(" ".join(words))
    return out


def _province(issuer: str | None, all_text: str, governing: str | None) -> str | None:
    """The issuer's province, or that of the body over it; failing those, the province the
    text names most often."""
    if issuer:
        if _NATIONAL_ISSUERS.match(fold_normalized(issuer)) or is_central_body(issuer):
            return None
        named = places(issuer, cities=True)
        if named:
            return named[0]
    if governing:
        return governing
    # A commune of a centrally run city names the city (``thành phố Đà Nẵng``), not a tỉnh.
    counts = Counter(places(all_text, cities=False)) or Counter(places(all_text, cities=True))
    return counts.most_common(1)[0][0] if counts else None


def _captions(root: Section) -> list[str]:
    return [
        text
        for section in root.walk()
        if section.kind == "appendix"
        for text in section.paragraphs
        if _CAPTION.search(text)
    ]


def _number(front: list[str], captions: list[str]) -> str | None:
    for line in front:
        if _NUMBER_LINE.match(fold_normalized(line)):
            numbers = find_document_numbers(line)
            if numbers:
                return numbers[0]
    for caption in captions:
        after = caption[_CAPTION.search(caption).end() :]  # type: ignore[union-attr]
        numbers = find_document_numbers(after[:40])
        if numbers:
            return numbers[0]
    for line in front:
        match = _OWN_NUMBER.search(line)
        if match:
            numbers = find_document_numbers(match.group(2))
            if numbers:
                return numbers[0]
    return None


def _issued_on(front: list[str], captions: list[str], number: str | None) -> str | None:
    for line in front:
        if _PLACE_DATE.match(line):
            date = parse_date(line)
            if date:
                return date.isoformat()
    for caption in captions:
        if number and number in caption:
            date = parse_date(caption[caption.index(number) :])
            if date:
                return date.isoformat()
    for line in front:
        lead = _SOURCE_TAG.sub("", line)
        if re.match(r"^ngày\s+\d", fold_normalized(lead)) and "ban hành" in fold_normalized(lead):
            date = parse_date(lead.split(",")[0])
            if date:
                return date.isoformat()
    return None


# A Party committee's document is signed on behalf of its standing committee (Hướng dẫn
# 36-HD/VPTW: ``T/M BAN THƯỜNG VỤ`` under ``TỈNH ỦY QUẢNG TRỊ``): that committee issues it.
_ON_BEHALF_OF_STANDING = re.compile(r"^t/?m\.?\s+ban thường vụ\b")
_PARTY_COMMITTEE = re.compile(r"^(tỉnh ủy|thành ủy|huyện ủy|đảng ủy)\b")
# An organ's name that already says whose it is or where it is.
_NAMES_ITS_BODY = re.compile(
    r"\b(tỉnh ủy|thành ủy|huyện ủy|đảng ủy|tỉnh|thành phố|huyện|xã|phường|đặc khu|bộ)\b"
)


def _signing_body(segmented: Segmented, issuer: str | None) -> str | None:
    """The issuer as the signature names it: ``Ban Thường vụ Tỉnh ủy Quảng Trị``."""
    if not issuer or not _PARTY_COMMITTEE.match(fold_normalized(issuer)):
        return issuer
    for signature in segmented.signatures:
        if any(_ON_BEHALF_OF_STANDING.match(fold_normalized(c)) for c in signature.capacity):
            return f"Ban Thường vụ {issuer}"
    return issuer


def _signer(segmented: Segmented, front: list[str]) -> str | None:
    for signature in segmented.signatures:
        if signature.name and is_person_name(signature.name):
            return signature.name
    for line in front:
        match = _SIGNER_IN_LEAD.search(line)
        if match and is_person_name(match.group(1)):
            return match.group(1)
    return None


def _part_openings(root: Section) -> list[str]:
    """The first line of each top part: where a notice or a directive with parts says what its
    meeting or its instructions carry out (``I. NỘI DUNG CUỘC HỌP`` / ``… cuộc họp triển khai
    Kế hoạch số 25/KH-UBND …``, ``II. NHIỆM VỤ`` / ``Để …, thực hiện Nghị quyết số …``)."""
    return [part.paragraphs[0] for part in root.children if part.paragraphs]


def _implements(
    front: list[str],
    title: str | None,
    own: str | None,
    plan_year: int | None,
    openings: list[str],
) -> list[Reference]:
    # A Party document carries the Party's heading and numbers itself ``21-KH/ĐU``.
    party = any(_PARTY_HEADING.search(fold_normalized(line)) for line in front[:10]) or bool(
        own and _PARTY_NUMBER.match(own)
    )
    sources = [
        clause
        for line in front
        if _IMPLEMENTS_LINE.match(fold_normalized(line))
        for clause in line.split(";")
        if not _BASIS.match(fold_normalized(clause))
        and not _CHARTER.search(fold_normalized(clause))
    ]
    sources += [
        line
        for line in front
        if "ban hành" in fold_normalized(line) and "thực hiện" in fold_normalized(line)
    ]
    if not sources:
        # A letter or a notice with no ``Căn cứ``/``Thực hiện`` line says in its opening what
        # its instructions carry out (``Xét báo cáo của Bộ … về tình hình thực hiện Nghị quyết
        # số 57-NQ/TW …``, ``… cuộc họp về triển khai các nhiệm vụ … theo Nghị quyết số …``);
        # the report or the letter it weighs is not implemented.
        sources = [
            line[match.start() :]
            for line in [*front, *openings]
            if (match := _CARRYING_OUT.search(line))
        ]
    if title:
        sources.append(title)
    return implemented(sources, own, plan_year, party=party)


def _kind_without_title(front: list[str]) -> DocumentKind:
    """A text without a kind line: an official letter (its ``V/v …`` subject, its ``Kính
    gửi:``) is another kind of document whatever plan it names; a text that names a plan
    is a news item about it."""
    keys = [fold_normalized(line) for line in front]
    if any(key.startswith(("v/v", "kính gửi")) for key in keys):
        return "khac"
    return "tin_bai" if re.search(r"\b(kế hoạch|chương trình)\b", " ".join(keys)) else "khac"


def read_metadata(segmented: Segmented, all_text: str) -> DocumentInfo:
    root = segmented.root
    front = _front(root)
    captions = _captions(root)
    kind, title = _kind_and_title(front)
    if kind is None:
        title = _letter_subject(front) or _headline(front)
        kind = _kind_without_title(front)
    number = _number(front, captions)
    header = _header_lines(front)
    issuer = _header_issuer(header) or _lead_issuer(front)
    province = _province(issuer, all_text, _header_place(header))
    if issuer and province and fold_normalized(issuer).endswith(("tỉnh", "tỉnh ủy")):
        issuer = f"{issuer} {province}"
    issuer = _signing_body(segmented, issuer)
    issued_on = _issued_on(front, captions, number)
    year = int(issued_on[:4]) if issued_on else None
    references = _implements(front, title, number, year, _part_openings(root))
    return DocumentInfo(
        number=number,
        kind=kind,
        title=title,
        issuer=issuer,
        province=province,
        issued_on=issued_on,
        signer=_signer(segmented, front),
        implements=[reference.number for reference in references],
        references=references,
    )

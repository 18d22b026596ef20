"""A plan's structure: its headings nested into sections, its signature blocks set apart.

Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I) number their parts
``I.``, ``II.`` (Roman), then ``1.``, ``1.1.`` (Arabic), then ``a)``, ``b)`` … in the
Vietnamese alphabet (``đ`` after ``d``, no ``f j w z``), then ``-`` bullets. Appendices open
with ``PHỤ LỤC I``. The body ends at ``Nơi nhận``; the signature (``TM. ỦY BAN NHÂN DÂN``,
``KT. CHỦ TỊCH``, ``PHÓ CHỦ TỊCH``, the name) follows. What comes after a signature is
content again only from an appendix or a new upper-case title (a resolution's attached
programme); anything else there (a portal's ``HIỆU LỰC VĂN BẢN`` box) is dropped. A
decision's articles (``Điều 2.``) are parts of their own, at the level of the Roman parts;
a plan that writes its parts as upper-case lines without a number (``NHIỆM VỤ, GIẢI PHÁP``)
has them at that level too.

Parts are given a role from their whole heading (``roles.py``), so that extraction knows
where tasks and targets are and where they are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.fields.bodies import catalogue
from theodoi.ingest.roles import Role, role_of
from theodoi.ingest.tables import roman_value
from theodoi.ingest.textnorm import fold_normalized

# --- headings ----------------------------------------------------------------------------

LETTERS = "abcdđeghiklmnopqrstuvx"
_APPENDIX = re.compile(r"^phụ lục(?:\s+(?:số\s+)?([ivxl]+|\d+))?\s*(?:[.:-]\s*(.*))?$")
_ROMAN_HEADING = re.compile(r"^([IVXL]{1,5})\s*[.\-/)]\s*(\S.*)$")
_ARABIC_HEADING = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})*)[.)](?!\d)\s*(\S.*)$|^(\d{1,2}(?:\.\d{1,2})+)\s+(\S.*)$"
)
_LETTER_HEADING = re.compile(rf"^([{LETTERS}])\)\s*(\S.*)$")
# ``Điều 2. Tổ chức thực hiện``: an article of a decision or a resolution.
_ARTICLE_HEADING = re.compile(r"^Điều\s+(\d{1,2})\s*[.:]\s*(.*)$")

# ``V/v triển khai …`` (về việc) names an official letter's subject; it is no part ``V``.
_ABOUT = re.compile(r"^V/[vV]\b")

_RANK = {"appendix": 0, "roman": 1, "article": 1, "part": 1, "arabic": 2, "letter": 20}


@dataclass(frozen=True)
class Heading:
    kind: str  # "appendix", "roman", "article", "part", "arabic", "letter"
    label: str  # "II", "3.1", "a", "2" (Điều 2); an appendix's number; "" for a part
    title: str

    @property
    def rank(self) -> int:
        if self.kind == "arabic":
            return _RANK["arabic"] + self.label.count(".")
        return _RANK[self.kind]


def heading_of(text: str) -> Heading | None:
    """The heading a line opens, or None for a plain paragraph."""
    line = text.strip()
    appendix = _APPENDIX.match(fold_normalized(line))
    # ``PHỤ LỤC II: DANH MỤC …`` is a heading; ``Phụ lục: xem bảng dưới đây …`` in a sentence
    # of prose is not.
    if appendix and (not appendix.group(2) or line == line.upper()):
        title = line[len(line) - len(appendix.group(2)) :] if appendix.group(2) else ""
        return Heading("appendix", (appendix.group(1) or "").upper(), title)
    match = _ROMAN_HEADING.match(line)
    if match and roman_value(match.group(1)) and not _ABOUT.match(line):
        return Heading("roman", match.group(1), match.group(2).strip())
    match = _ARABIC_HEADING.match(line)
    if match:
        label = match.group(1) or match.group(3)
        return Heading("arabic", label, (match.group(2) or match.group(4)).strip())
    match = _LETTER_HEADING.match(line)
    if match:
        return Heading("letter", match.group(1), match.group(2).strip())
    match = _ARTICLE_HEADING.match(line)
    if match:
        return Heading("article", match.group(1), match.group(2).strip())
    return None


def unnumbered_part(text: str) -> Heading | None:
    """An upper-case line without a number that names what a part is for (``NHIỆM VỤ, GIẢI
    PHÁP``, ``TỔ CHỨC THỰC HIỆN``): a part's heading in a plan that numbers none of its parts.
    A document's own title (``KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ …``) names a role word too, and is
    not one."""
    line = text.strip()
    if line != line.upper() or not any(ch.isalpha() for ch in line) or is_document_title(line):
        return None
    return Heading("part", "", line.rstrip(" :")) if role_of(line) is not None else None


def appendix_number(label: str) -> str:
    """``II`` -> ``2``: the number in a task code ``PL2.13``."""
    value = roman_value(label)
    return str(value) if value else str(int(label)) if label.isdigit() else label


# --- sections ----------------------------------------------------------------------------


@dataclass
class Section:
    """A heading and what it holds (paragraphs, tables and sub-sections, in order)."""

    kind: str  # "document", "appendix", "roman", "arabic", "letter"
    label: str
    title: str
    code: str
    role: Role | None = None  # its own or inherited
    items: list[Block | Section] = field(default_factory=list)

    @property
    def children(self) -> list[Section]:
        return [item for item in self.items if isinstance(item, Section)]

    @property
    def paragraphs(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [item for item in self.items if isinstance(item, Table)]

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Signature:
    """A signature block: the capacity lines (``KT. CHỦ TỊCH``, ``PHÓ CHỦ TỊCH``) and the
    name under them."""

    capacity: list[str]
    name: str | None


@dataclass
class Segmented:
    root: Section
    signatures: list[Signature] = field(default_factory=list)


def _code(parent: Section, heading: Heading) -> str:
    if heading.kind == "appendix":
        return "PL" + appendix_number(heading.label) if heading.label else "PL"
    if heading.kind == "article":
        return f"Đ{heading.label}"
    # ``3.1.`` already says where it stands; ``1.`` under ``II`` is ``II.1``; a part without
    # a number adds nothing to the path.
    if "." in heading.label or parent.kind in ("document", "part"):
        return heading.label
    return f"{parent.code}.{heading.label}"


# --- the signature block -------------------------------------------------------------------

_RECIPIENTS = re.compile(r"^nơi nhận\s*:?")
# The titles of those who sign for a body: its chair, its minister or governor, the head of a
# unit, a corporation, a bank, a court, a school.
_TITLES = (
    r"(phó )?(chủ tịch|bí thư|thủ tướng|bộ trưởng|(tổng )?giám đốc|trưởng ban|chánh văn phòng"
    r"|chủ nhiệm|thống đốc|chánh án|tổng kiểm toán|(cục|vụ|viện|hiệu) trưởng)"
)
_CAPACITY = re.compile(
    rf"^(t/?m\.?\s|k/?t\.?\s|tl\.|tuq\.|q\.|thừa lệnh|thay mặt)|^{_TITLES}([\s,].*)?$"
)
# The sentence that closes a letter's or a notice's body: ``Trân trọng./.``, ``… thông báo để
# các cơ quan biết, thực hiện./.``, ``Đề nghị các cơ quan quan tâm phối hợp thực hiện./.``; a
# directive's ``Thủ trưởng các đơn vị chịu trách nhiệm thực hiện nghiêm Chỉ thị này./.``, ``Ủy
# ban nhân dân phường yêu cầu các phòng, đơn vị triển khai thực hiện./.``; and the report on
# all that the items ask (``Báo cáo kết quả thực hiện các nội dung trên gửi về Sở Nội vụ trước
# ngày …``), which is no part of the last of them (but ``Giao Sở Y tế … thực hiện các nội
# dung trên`` gives its group's items to a body: it stays with them).
_CLOSING_LINE = re.compile(
    r"^(?:trân trọng|(?![-+•*])(?:.{0,200}\b(?:biết|quan tâm|phối hợp)\b[^.;]{0,40}\./\."
    r"|.{0,200}\b(?:chỉ thị|thông báo|công văn|văn bản|kết luận) này\b[^.;]{0,40}\./\."
    r"|.{0,200}\b(?:yêu cầu|đề nghị)\b[^.;]{0,120}\bthực hiện\./\."
    # a Party office's notice ends ``… thông báo để các cơ quan … biết, thực hiện.``
    r"|.{0,200}\bthông báo để\b[^.;]{0,120}\bbiết\b[^.;]{0,40}\.?$"
    r"|(?!giao\b)(?=.{0,200}\b(?:báo cáo|gửi)\b).{0,200}\bnội dung (?:nêu )?trên\b))"
)
_SIGNED = re.compile(r"^[\[(]?\s*(đã ký|đã ký và đóng dấu|ký thay|ký)\s*[\])]?$")


# A decision opens with the authority that issues it (Nghị định 30/2020/NĐ-CP, Phụ lục I:
# ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI``, ``BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ``): a title
# followed by the body it heads (any the catalogue knows: ``GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ
# NỘI``). A signature names the title alone under ``TM.``/``KT.``.
_AUTHORITY = re.compile(rf"^(?!(phó )?bí thư){_TITLES}(,\s*chủ nhiệm)?\s+(?!thường trực\b)")


def _is_capacity(text: str) -> bool:
    key = fold_normalized(text)
    title = _AUTHORITY.match(key)
    return (
        text.strip() == text.strip().upper()
        and bool(_CAPACITY.match(key))
        and not (title and catalogue().head.match(key[title.end() :]))
    )


def is_person_name(text: str) -> bool:
    """A signer's name: two to six words, each capitalised and none in capitals."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words
    )


_DOCUMENT_TITLE = re.compile(
    r"^(kế hoạch|chương trình|nghị quyết|quyết định|đề án|danh mục|quy chế|quy định|báo cáo|"
    r"phương án|hướng dẫn|chỉ thị)\b"
)


def is_document_title(text: str) -> bool:
    """An upper-case line that names a kind of document (``KẾ HOẠCH``, ``CHƯƠNG TRÌNH HÀNH
    ĐỘNG CỦA CHÍNH PHỦ``): the title of a document or of one attached to it."""
    return text == text.upper() and bool(_DOCUMENT_TITLE.match(fold_normalized(text)))


# --- segmentation ------------------------------------------------------------------------

# ``… thẻ đoàn viên điện tử. NHIỆM VỤ, GIẢI PHÁP``: a part heading in capitals run on after
# the sentence above it, as a PDF joins a centred heading to a last line that ended near the
# margin.
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+")


def _glued_part(text: str) -> int | None:
    """Where a part heading run on after the last sentence starts, or None."""
    ends = [end.end() for end in _SENTENCE_END.finditer(text)]
    return ends[-1] if ends and unnumbered_part(text[ends[-1] :]) else None


def _glued_parts(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        at = _glued_part(block.text) if isinstance(block, Paragraph) else None
        if isinstance(block, Paragraph) and at is not None:
            out += [Paragraph(block.text[:at].rstrip()), Paragraph(block.text[at:])]
        else:
            out.append(block)
    return out


_LAYOUT_LINE = re.compile(
    r"^(số\s*:?\s*\d|nơi nhận|cộng hòa xã hội|độc lập - tự do|đảng cộng sản việt nam)"
)


def layout_lines(table: Table) -> list[str] | None:
    """The lines of a table that only lays out the header or the signature (a Word file
    sets ``ỦY BAN NHÂN DÂN … | CỘNG HÒA XÃ HỘI …`` and ``Nơi nhận … | KT. CHỦ TỊCH …`` side
    by side in a borderless table), column by column; None for any other table."""
    width = max((len(row) for row in table.rows), default=0)
    if len(table.rows) > 4 or width > 3:
        return None
    lines: list[str] = []
    for column in range(width):
        seen: set[str] = set()
        for row in table.rows:
            cell = row[column] if column < len(row) else ""
            if cell in seen:  # a merged cell, repeated in each row it spans
                continue
            seen.add(cell)
            lines += [line.strip() for line in cell.split("\n") if line.strip()]
    laid_out = any(
        _LAYOUT_LINE.match(fold_normalized(line)) or _is_capacity(line) for line in lines
    )
    return lines if laid_out else None


def _unfold_layout(blocks: list[Block]) -> Iterator[Block]:
    for block in blocks:
        lines = layout_lines(block) if isinstance(block, Table) else None
        if lines is None:
            yield block
        else:
            yield from (Paragraph(line) for line in lines)


def _names_tasks_article(block: Block) -> bool:
    heading = heading_of(block.text) if isinstance(block, Paragraph) else None
    return (
        heading is not None and heading.kind == "article" and role_of(heading.title) is Role.TASKS
    )


def segment(blocks: list[Block]) -> Segmented:  # noqa: C901 - to be split (issue 11 note)
    """Nest the blocks under their headings; set signature blocks apart."""
    root = Section("document", "", "", "")
    out = Segmented(root)
    stack: list[tuple[int, Section]] = [(-1, root)]
    state = "body"  # "recipients", "capacity", "after"
    unfolded = list(_unfold_layout(blocks))
    # Upper-case lines head the parts only where no part has a Roman number; elsewhere such a
    # line is a caption or a sub-heading's emphasis.
    unnumbered = not any(
        isinstance(b, Paragraph) and _ROMAN_HEADING.match(b.text.strip()) and heading_of(b.text)
        for b in unfolded
    )
    if unnumbered:
        unfolded = _glued_parts(unfolded)
    # A resolution laid out in articles (``Điều 1. Mục tiêu``, ``Điều 2. Nhiệm vụ, giải
    # pháp``, ``Điều 3. Tổ chức thực hiện``) names its parts in them; a decision whose
    # articles approve, assign and enact does not, and its ``Tổ chức thực hiện`` article may
    # be where its tasks are.
    named_kinds = {"roman", "part", "arabic"}
    if any(_names_tasks_article(b) for b in unfolded):
        named_kinds.add("article")
    for block in unfolded:
        if isinstance(block, Table):
            if state == "body":
                stack[-1][1].items.append(block)
            continue
        text = block.text
        key = fold_normalized(text)
        heading = heading_of(text) or (unnumbered_part(text) if unnumbered else None)
        if state == "body" and (_RECIPIENTS.match(key) or _is_capacity(text)):
            state = "recipients" if _RECIPIENTS.match(key) else "capacity"
            out.signatures.append(Signature([] if state == "recipients" else [text], None))
            continue
        if state != "body":
            resumes = heading is not None and heading.kind in ("appendix", "roman")
            if state == "recipients" and _is_capacity(text):
                state = "capacity"
                out.signatures[-1].capacity.append(text)
                continue
            if state == "capacity" and not resumes:
                if _is_capacity(text) or _SIGNED.match(key):
                    out.signatures[-1].capacity.append(text)
                    continue
                if is_person_name(text):
                    out.signatures[-1].name = text
                    state = "after"
                    continue
            if resumes or (state == "after" and is_document_title(text)):
                state = "body"
                if heading is None:  # a new title: back to the top level
                    del stack[1:]
            else:
                continue
        if heading is None and _CLOSING_LINE.match(key):
            # ``Văn phòng Chính phủ thông báo để … biết, thực hiện./.``: the body's closing
            # words belong to the document, not to its last item.
            del stack[1:]
            root.items.append(block)
            continue
        if heading is None:
            stack[-1][1].items.append(block)
            continue
        while stack[-1][0] >= heading.rank:
            stack.pop()
        parent = stack[-1][1]
        own_role = role_of(heading.title) if heading.kind in named_kinds else None
        section = Section(
            heading.kind,
            heading.label,
            heading.title,
            _code(parent, heading),
            own_role or parent.role,
        )
        parent.items.append(section)
        stack.append((heading.rank, section))
    return out

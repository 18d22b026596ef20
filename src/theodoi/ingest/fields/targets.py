"""Target figures (``giá trị mục tiêu``) and numbers written the Vietnamese way.

A target is kept as written and parsed into a comparator and a value (extraction/SCHEMA.md):
``≥ 55``, ``tối thiểu 25%``, ``trên 80%`` (strictly more), ``khoảng 30%`` (about: ``=``),
``8 - 10`` (a range), ``Thuộc nhóm 20 tỉnh, thành dẫn đầu`` (a rank: among the first 20).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from theodoi.ingest.fields.bodies import catalogue
from theodoi.ingest.plan import Target, TargetOp
from theodoi.ingest.textnorm import fold, normalize_text, without_footnote_marks

# A number as Vietnamese documents write it: ``1.234,5``, ``0,7``, ``09``.
NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER = re.compile(r"(?<![\d.,])" + NUMBER)
_EMPTY = {"", "-", "--", "x", "/", "…", "..."}

# Comparators, looked for just before the figure (the nearest one wins).
_COMPARATORS: list[tuple[re.Pattern[str], TargetOp]] = [
    (re.compile(r"(≥|>=|=>|tối thiểu|ít nhất|không thấp hơn|không dưới|không ít hơn)"), ">="),
    (re.compile(r"(≤|<=|=<|tối đa|không quá|không vượt quá|không cao hơn|không nhiều hơn)"), "<="),
    (re.compile(r"(>|\btrên\b|\bhơn\b|\bvượt\b)"), ">"),
    (re.compile(r"(<|\bdưới\b|\bít hơn\b)"), "<"),
]
# ``từ 80% trở lên``: the comparator follows the figure.
_AFTER: list[tuple[re.Pattern[str], TargetOp]] = [
    (re.compile(r"^\s*%?\s*trở lên"), ">="),
    (re.compile(r"^\s*%?\s*trở xuống"), "<="),
]
_RANGE = re.compile(
    r"(?<![\d.,])(" + NUMBER + r")\s*%?\s*(?:-|đến|tới|÷)\s*(" + NUMBER + r")(?![\d/])"
)
# ``thuộc nhóm 20 tỉnh, thành dẫn đầu``, ``top 50``, ``trong nhóm 3 nước dẫn đầu``.
_RANK_GROUP = re.compile(
    r"\b(?:nhóm|top|tốp)\s+(" + NUMBER + r")\b(?=[^;.]*?(dẫn đầu|đứng đầu|hàng đầu|cao nhất|"
    r"tỉnh|thành|nước|quốc gia|địa phương|thế giới|khu vực|asean|đông nam á|châu á|toàn cầu))",
    re.IGNORECASE,
)
_RANK_UNIT = re.compile(r"thứ (bậc|hạng)|xếp hạng|vị trí|hạng")
# ``≤ 3 Đông Nam Á``: a place in a ranking names the field it is ranked in.
_RANK_FIELD = re.compile(
    r"^\s*(?:≤|<=|=<|top|tốp|thứ|hạng)?\s*("
    + NUMBER
    + r")\s+(đông nam á|asean|châu á|thế giới|toàn cầu|"
    r"khu vực|cả nước|toàn quốc)"
)
# Under a rank unit, a place alone: ``3``, ``≤ 10``, ``Thuộc top 10``, ``Đứng thứ 5``.
_RANK_PLACE = re.compile(
    r"^\s*(?:(?:thuộc|trong|nằm trong|đứng|xếp|thứ|hạng|top|tốp|nhóm|≤|<=|=<)\s*)*"
    r"(" + NUMBER + r")\s*$"
)
# A year is a time, not a figure: ``năm 2030``, ``giai đoạn 2021 - 2025``.
_YEAR_BEFORE = re.compile(r"(năm|giai đoạn|đến|từ)\s*$")


def clean_target_text(text: str | None) -> str | None:
    """The target as written: one line, footnote marks dropped, no final full stop."""
    if text is None:
        return None
    cleaned = without_footnote_marks(normalize_text(text)).rstrip(" .;,")
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
    last = max(raw.rfind(","), raw.rfind("."))
    if last == -1:
        return float(raw)
    if "," in raw and "." in raw:
        # Both marks: the last one is the decimal mark, the others group thousands.
        return float(re.sub(r"[.,]", "", raw[:last]) + "." + raw[last + 1 :])
    mark = raw[last]
    head, *groups = raw.split(mark)
    thousands = len(head) <= 3 and all(len(g) == 3 for g in groups)
    # ``1,000`` is rare in Vietnamese text; one comma group is a decimal (``0,750``).
    if len(groups) == 1 and not (thousands and mark == "."):
        return float(f"{head}.{groups[0]}")
    return float(raw.replace(mark, ""))


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
        figure = _RANK_PLACE.match(key)
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


@dataclass(frozen=True)
class ProseTarget:
    """One explicit target figure found in a sentence of prose."""

    name: str
    unit: str | None
    target: Target
    year: int | None
    # Said as something to reach (``phấn đấu``, ``đạt``, ``đến năm 2030``), not as the size
    # of an action (``bố trí tối thiểu 3% tổng chi``).
    aimed: bool = True


_AIMED = re.compile(
    r"\b(phấn đấu|hướng (?:đến|tới)|mục tiêu|chỉ tiêu|đạt|đạt được|chiếm|tăng|giảm|duy trì)\b",
    re.IGNORECASE,
)


# A figure right after a verb that gives means (``bố trí tối thiểu 3% tổng chi … trong dự
# toán năm 2027``, ``dành ít nhất 10% kinh phí``) sizes what a body is to give, whatever year
# the sentence names: it is an action's measure, not a target to reach.
_SIZES = re.compile(
    r"\b(?:bố trí|dành|trích|phân bổ)\s+(?:(?:tối thiểu|ít nhất|khoảng|kinh phí)\s+)*$",
    re.IGNORECASE,
)


# Words between an indicator's name and its figure (``đạt tối thiểu``, ``tăng trung bình``).
_LEAD_WORDS = (
    "không thấp hơn|không vượt quá|không dưới|không quá|không ít hơn|tối thiểu|ít nhất|tối đa"
    "|trung bình|bình quân|hướng đến|hướng tới|xếp hạng|thứ hạng|tỉ lệ|tỷ lệ|tỉ trọng|tỷ trọng"
    "|đạt|chiếm|trên"
    "|dưới|khoảng|gần|hơn|tăng|giảm|duy trì|từ|ở|thuộc|nhóm|top|tốp|mức|lên|còn|là"
    "|≥|≤|>=|<=|>|<"
)
_LEAD_WORD_AT_END = re.compile(rf"(?:^|(?<=[\s,]))({_LEAD_WORDS})\s*$", re.IGNORECASE)
# A figure is a target only when something says so: a comparator, a verb of attaining, a
# percentage, a range or a rank. ``từ 15 tuổi trở lên`` or ``Đề án 06`` are not targets.
_TARGET_SIGNS = re.compile(
    r"tối thiểu|ít nhất|tối đa|không|trên|dưới|khoảng|gần|hơn|đạt|chiếm|tăng|giảm|duy trì"
    r"|hướng|nhóm|top|tốp|≥|≤|>|<",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"(?<![\w.,/-])(" + NUMBER + r")(?:\s*%?\s*-\s*(" + NUMBER + r"))?(?![\w/]|[.,]\d|-\w)"
)
_TIME_OF_DAY = re.compile(r"\s*(giờ|phút|h\d{0,2}\b)", re.IGNORECASE)
# ``trong đó`` opens a clause of its own (``…, trong đó 100% học phần …``), comma or not.
_SENTENCE_END = re.compile(r"[;:]|\.(?=\s+\S|\s*$)|\btrong đó,?")
# The year a target is for, written after it: ``đạt 90% vào năm 2027``, ``70% năm 2026``,
# ``… triển khai bệnh án điện tử trong năm 2027``, ``(năm 2030)``.
_YEAR_AFTER = re.compile(
    r"^\s*\(?(?:vào |trong |đến |đến hết |tới )?năm ((?:19|20)\d\d)\)?(?=\s*(?:[,;.)]|và\b|$))",
    re.IGNORECASE,
)
# ``… so với năm 2025``: the year a change is counted from is its base, not the target's year.
_YEAR_CLOSING = re.compile(
    r"(?<!so với)(?<!so với )\s*,?\s*\(?(?:vào |trong |đến |đến hết |tới )?năm ((?:19|20)\d\d)"
    r"\)?\s*$",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\s*,?\s*\bso với\b.*$", re.IGNORECASE)
_PER = re.compile(
    r"\s+(\w+)(?:\s+trên\s+(?:một|1)\s+|\s*/\s*)(vạn|nghìn|ngàn|triệu|trăm|10\.000|1\.000)\s+(\w+)",
    re.IGNORECASE,
)
_PERCENT_UNITS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\s*%\s*/\s*năm"), "%/năm"),
    (re.compile(r"\s*GRDP\s*%"), "% GRDP"),
    (re.compile(r"\s*%\s*(GRDP|GDP)\b"), None),  # unit: "% " + the word
    (
        re.compile(
            r"\s*%(?=\s*(tổng (?:chi|thu) (?:ngân sách(?: nhà nước| địa phương| tỉnh)?|NSNN"
            r"|thường xuyên|đầu tư phát triển)|(?:tổng )?doanh thu|tổng vốn đầu tư"
            # an enterprise's accounts: what it earns and what it holds
            r"|(?:tổng )?lợi nhuận(?: trước thuế| sau thuế)?|tổng tài sản|vốn chủ sở hữu))"
        ),
        None,
    ),
    (re.compile(r"\s*%"), "%"),
]
_UNIT_STOP = {
    "trong",
    "được",
    "có",
    "tại",
    "của",
    "cho",
    "về",
    "với",
    "và",
    "để",
    "theo",
    "trở",
    "thuộc",
    "đến",
    "ở",
    "là",
    "trên",
    "từ",
    "so",
    "đạt",
    "vào",
    "mỗi",
    "hằng",
    "hàng",
}
_COUNTED = re.compile(r"\s+((?:[^\W\d]+\s*){1,2})")
# Counting nouns of three words that plans use; any other is taken as one or two words.
_LONG_COUNTED = re.compile(
    r"\s+(khu công nghiệp|cụm công nghiệp|khu công nghệ cao|khu kinh tế|trung tâm dữ liệu"
    r"|tuyến cáp quang|tổ chức khoa học|doanh nghiệp công nghệ|sản phẩm chủ lực)\b",
    re.IGNORECASE,
)
# Nouns that count kinds of what they stand before (``30 giống cây trồng, vật nuôi``, ``5 loại
# sản phẩm``, ``3 nhóm ngành``): the count is in that word alone.
_KIND_COUNTED = re.compile(r"\s+(giống|loại|nhóm|dòng)(?=\s+[^\W\d])", re.IGNORECASE)
# Nouns that count groups of people before whom they gather (``10 đội thanh niên tình
# nguyện``, ``40 tổ công nghệ số cộng đồng``, ``5 câu lạc bộ nông dân``): the count is in that
# noun, unless it is the first word of another (``đội hình``, ``đội ngũ``, ``tổ chức``, ``tổ
# dân phố``).
_GROUP_COUNTED = re.compile(
    r"\s+(đội|tổ|câu lạc bộ)(?=\s+(?!(?:hình|ngũ|chức|hợp|dân phố|dân cư|quốc)\b)[^\W\d])",
    re.IGNORECASE,
)
# Money: a magnitude and its currency (``2 tỷ USD``, ``500 nghìn tỷ đồng``), the currency in
# capitals as it is written.
_MONEY = re.compile(
    r"\s+((?:(?:nghìn|ngàn|triệu|tỷ)\s+){0,2}(?:đồng|USD|VNĐ|VND|EUR))\b", re.IGNORECASE
)
_SECOND_COUNTED = re.compile(r",\s+([^\W\d]+(?:\s+[^\W\d]+)?)(?=\s+(\w+)|\s*(?:[.;]|$))")
_INTENT = re.compile(r"^.*\b(duy trì|phấn đấu|giữ vững)\s+", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:\s|,|-|\(\d+\)|\b(?:trong đó|theo đó|đồng thời|phấn đấu|góp phần|thực hiện|mục tiêu"
    r"|cụ thể|bảo đảm|đảm bảo|bố trí"
    r"|hướng tới|hướng đến|và|(?:đến (?:hết |cuối )?|giai đoạn |từ )?năm \d{4}(?:\s*-\s*\d{4})?"
    r"|giai đoạn \d{4}\s*-\s*\d{4}|đến \d{4})\b)+",
    re.IGNORECASE,
)
# ``tăng trưởng GDP năm 2025 đạt ...``: the year goes to ``year``, not into the name.
_TRAILING_TIME = re.compile(
    r"(?:\s+(?:và|thì|là|(?:vào |đến |trong |của )?năm \d{4}|đến \d{4}))+$", re.IGNORECASE
)
_THEN_VERB = re.compile(
    r"\s+và\s+(tăng|giảm|duy trì|tiếp tục|từng bước|phấn đấu|đạt|hoàn thành)\b.*$", re.IGNORECASE
)
_YEAR_MENTION = re.compile(
    r"\b(?:năm|đến|giai đoạn)\s+((?:19|20)\d{2})(?:\s*-\s*((?:19|20)\d{2}))?", re.IGNORECASE
)
_ITEM_MARK = re.compile(r"^\s*(?:[a-zđ]|\d+(?:\.\d+)*|[IVX]+)[.)]\s+")


# A name or a complement longer than this is a run-on paragraph, not an indicator's name.
_LONGEST_NAME = 400


@dataclass
class _Found:
    start: int  # where the words leading to the figure begin
    figure: re.Match[str]
    unit: str | None
    unit_end: int
    lead_words: str
    rank: bool
    complement_end: int = 0


class _Paragraph:
    """The text with its clause ends and year mentions found once, so that each figure
    looks them up instead of rescanning the text (a PDF paragraph may be very long)."""

    def __init__(self, text: str) -> None:
        self.text = text
        ends = list(_SENTENCE_END.finditer(text))
        self.end_starts = [m.start() for m in ends]
        self.end_ends = [m.end() for m in ends]
        self.years = [
            (m.start(), int(m.group(2) or m.group(1))) for m in _YEAR_MENTION.finditer(text)
        ]

    def clause_end_after(self, at: int) -> int:
        i = bisect.bisect_left(self.end_starts, at)
        return self.end_starts[i] if i < len(self.end_starts) else len(self.text)

    def clause_start_before(self, at: int) -> int:
        i = bisect.bisect_right(self.end_ends, at)
        return self.end_ends[i - 1] if i else 0

    def year_before(self, at: int) -> int | None:
        i = bisect.bisect_left(self.years, (at, 0))
        return self.years[i - 1][1] if i else None


def find_prose_targets(text: str, *, stated: bool = False) -> list[ProseTarget]:
    """Every explicit target figure of a paragraph: ``tối thiểu 25%``, ``kinh tế số chiếm
    khoảng 30% GRDP``, ``đạt 12 người trên một vạn dân``. A target in words only is none.

    The name is the indicator as a person would call it: the words before the figure
    (``Tỉ lệ giao dịch không dùng tiền mặt``), with what follows the figure when that says
    what is counted (``80% trường THPT được tổ chức dạy thí điểm``).
    """
    text = _ITEM_MARK.sub("", without_footnote_marks(normalize_text(text)))
    paragraph = _Paragraph(text)
    found: list[_Found] = []
    for match in _FIGURE.finditer(text):
        if at := _figure_at(paragraph, match, found[-1] if found else None, stated=stated):
            found.append(at)
    for i, current in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        current.complement_end = _complement_end(paragraph, current, following)
    out: list[ProseTarget] = []
    previous_end = 0
    for item in found:
        after = _year_after(text, item)
        name = _name(paragraph, item, previous_end, out)
        unit = item.unit
        if not name and out and previous_end and _only_joins(text[previous_end : item.start]):
            # ``đạt 90% vào năm 2027 và 98% vào năm 2030``: the same target, another year,
            # a share of what the first is a share of (``20% GRDP …, trên 30% …``).
            name = out[-1].name
            if unit == "%" and (out[-1].unit or "").startswith("% "):
                unit = out[-1].unit
        previous_end = item.complement_end
        if not name:
            continue
        clause = text[item.start : item.complement_end].strip(" ,.…")
        short = text[item.start : item.unit_end]
        target = parse_target(clause if item.rank else short)
        target.text = _YEAR_CLOSING.sub("", clause) if after else clause
        year = after or paragraph.year_before(item.start)
        clause = text[paragraph.clause_start_before(item.start) : item.figure.start()]
        aimed = not _SIZES.search(clause) and (year is not None or bool(_AIMED.search(clause)))
        out.append(ProseTarget(name, unit, target, year, aimed))
    return out


def _year_after(text: str, item: _Found) -> int | None:
    """The year written after the target: right after its figure and unit, or closing what
    it counts."""
    right = _YEAR_AFTER.match(text, item.unit_end)
    if right:
        return int(right.group(1))
    closing = _YEAR_CLOSING.search(text, item.unit_end, item.complement_end)
    return int(closing.group(1)) if closing else None


def _only_joins(between: str) -> bool:
    """Whether the words between two figures only join them (``, `` / `` và ``, a year; a
    ``;`` before the next milestone: ``…; đến năm 2030, đạt 100%``)."""
    rest = _LEAD_IN.sub("", _YEAR_CLOSING.sub("", between.strip(" ,;")))
    return not rest.strip(" ,;")


_BOUND_AFTER = re.compile(r"\s*trở (?:lên|xuống)\b")
# ``có ít nhất 100 dự án … và 20 doanh nghiệp …``: a count joined to the target before it.
_JOINED = re.compile(r"(?:,|\bvà)\s*$")


def _figure_at(
    paragraph: _Paragraph,
    figure: re.Match[str],
    before: _Found | None = None,
    *,
    stated: bool = False,
) -> _Found | None:
    """The target a figure states, or None; ``before`` is the target found just before it,
    whose aim a count joined to it in the same clause shares."""
    text = paragraph.text
    if re.fullmatch(r"(19|20)\d{2}", figure.group(1)) and not re.match(
        r"\s*%", text[figure.end() : figure.end() + 3]
    ):
        return None  # a year
    if _TIME_OF_DAY.match(text, figure.end()):
        return None  # ``từ khoảng 3 giờ sáng``: when something happened, not a target
    # Lead words are a few short words: look at a window, not at the whole text before.
    window_start = max(0, figure.start() - 80)
    start = figure.start()
    while match := _LEAD_WORD_AT_END.search(text, window_start, start):
        start = match.start(1)
    lead_words = text[start : figure.start()]
    rank = bool(re.search(r"\b(nhóm|top|tốp|xếp hạng|thứ hạng)\s*$", lead_words, re.IGNORECASE))
    unit, unit_end = _unit(paragraph, figure.end(), rank=rank)
    if bound := _BOUND_AFTER.match(text, unit_end):
        unit_end = bound.end()  # ``từ 60% trở lên``: the bound is the target's, not its name
    is_range = figure.group(2) is not None
    joined = (
        before is not None
        and unit is not None
        and paragraph.clause_end_after(before.unit_end) > figure.start()
        and bool(_JOINED.search(text[before.unit_end : figure.start()]))
    )
    if (
        not (unit and unit.startswith("%"))
        and not is_range
        and not _TARGET_SIGNS.search(lead_words)
        and not joined
        and not (stated and unit is not None and _closes_clause(paragraph, unit_end))
    ):
        return None
    return _Found(start, figure, unit, unit_end, lead_words, rank)


def _closes_clause(paragraph: _Paragraph, at: int) -> bool:
    """Whether nothing but punctuation stands between ``at`` and the end of its clause: an
    objective that closes on a count (``… được kết nối với 34 tỉnh, thành phố.``) states it
    as its target; a count inside the clause qualifies what is counted (``người dân từ 15
    tuổi trở lên có kỹ năng số …``)."""
    return not paragraph.text[at : paragraph.clause_end_after(at)].strip(" .;,…")


def _unit(paragraph: _Paragraph, at: int, *, rank: bool) -> tuple[str | None, int]:  # noqa: C901 - to be split (issue 11 note)
    text = paragraph.text
    for pattern, unit in _PERCENT_UNITS:
        match = pattern.match(text, at)
        if match:
            if unit is None:
                unit = "% " + (match.group(1) if match.groups() else "")
            # ``khoảng 20% tổng sản phẩm trong tỉnh (GRDP)`` is a share of GRDP.
            clause = text[at : min(paragraph.clause_end_after(at), at + _LONGEST_NAME)]
            of_product = re.search(r"\((GRDP|GDP)\)", clause)
            if unit == "%" and of_product:
                unit = "% " + of_product.group(1)
            return unit, match.end()
    if rank:
        return None, at
    per = _PER.match(text, at)
    if per:
        return f"{per.group(1)}/{per.group(2)} {per.group(3)}", per.end()
    money = _MONEY.match(text, at)
    if money:
        return money.group(1), money.end()
    kinds = _KIND_COUNTED.match(text, at) or _GROUP_COUNTED.match(text, at)
    if kinds:
        return kinds.group(1), kinds.end()
    long_noun = _LONG_COUNTED.match(text, at)
    if long_noun:
        return long_noun.group(1), long_noun.end()
    # A counting noun is one or two words (``người``, ``doanh nghiệp``, ``đô thị``).
    words = _COUNTED.match(text, at)
    if not words:
        return None, at
    kept: list[str] = []
    for word in words.group(1).split():
        if word.lower() in _UNIT_STOP or word[:1].isupper():
            break
        kept.append(word)
    if not kept and words.group(1)[:1].isupper():
        # ``ít nhất 12 Tổ công nghệ số cộng đồng``: a count of bodies of a kind named in
        # capitals counts in the kind's first noun (a catalogue head: ``Trung tâm``).
        named = words.group(1)
        head = catalogue().head_capitalised.match(named)
        unit = head.group(0) if head else named.split()[0]
        return unit, text.index(unit, at) + len(unit)
    if not kept:
        return None, at
    unit = " ".join(kept)
    end = text.index(kept[-1], at) + len(kept[-1])
    # ``01 - 02 dự án, chương trình trong lĩnh vực ...``: a second noun joined by a comma.
    more = _SECOND_COUNTED.match(text, end)
    # the second noun closes the clause, or words that say no more of the unit follow it
    if more and (more.group(2) is None or more.group(2).lower() in _UNIT_STOP):
        unit = f"{unit}, {more.group(1)}"
        end = more.end()
    return unit, end


def _complement_end(paragraph: _Paragraph, item: _Found, following: _Found | None) -> int:
    end = min(paragraph.clause_end_after(item.unit_end), item.unit_end + _LONGEST_NAME)
    if following is not None and following.start < end:
        text = paragraph.text
        comma = text.rfind(",", item.unit_end, following.start)
        # ``100% học phần có học liệu số và tối thiểu 30% học phần …``: two targets joined.
        joined = text.rfind(" và ", item.unit_end, following.start)
        end = comma if comma != -1 else joined if joined != -1 else item.unit_end
    return end


def _name(paragraph: _Paragraph, item: _Found, previous_end: int, found: list[ProseTarget]) -> str:
    text = paragraph.text
    boundary = max(previous_end, paragraph.clause_start_before(item.start))
    subject = text[max(boundary, item.start - _LONGEST_NAME) : item.start]
    within = text[max(0, boundary - 10) : boundary].lower()
    if within.rstrip().endswith(":"):
        subject = subject.split(",")[-1]  # the last item of a list: "như: Y tế, ..., Internet"
    subject = _LEAD_IN.sub("", _INTENT.sub("", subject)).strip(" ,-")
    subject = _TRAILING_TIME.sub("", subject).strip(" ,")
    complement = "" if item.rank else text[item.unit_end : item.complement_end]
    if item.unit and not item.unit.startswith("%") and (complement or not subject):
        # What is counted names the indicator: ``hình thành ít nhất 01 khu công nghiệp ...``.
        complement = _PER.sub("", text[item.figure.end() : item.complement_end])
    complement = _YEAR_AFTER.sub("", _YEAR_CLOSING.sub("", _BASELINE.sub("", complement)))
    complement = _THEN_VERB.sub("", complement).strip(" ,.…")
    if item.unit and complement == item.unit:
        complement = ""  # ``đạt 1.500 người``: the unit, not what is counted
    share_of = item.unit[2:] if item.unit and item.unit.startswith("% ") else ""
    if share_of and complement.upper() in {"GRDP", "GDP"}:
        complement = ""
    elif share_of and complement.lower().startswith(share_of.lower()):
        # ``2% tổng chi ngân sách địa phương``: what the share is of is its unit, not its name.
        complement = complement[len(share_of) :].strip(" ,")
    if not subject and not complement and within.rstrip().endswith(":"):
        # ``Tỷ lệ người dân có hồ sơ sức khỏe điện tử: 70% năm 2026, …``: the label names it.
        label_start = paragraph.clause_start_before(max(0, boundary - 1))
        subject = _LEAD_IN.sub("", text[label_start:boundary].rstrip(" :")).strip(" ,-")
    rate = re.search(r"\b(tỉ lệ|tỷ lệ)\b", item.lead_words, re.IGNORECASE)
    share = re.search(r"\bchiếm\b", item.lead_words, re.IGNORECASE)
    if share and subject and share_of and share_of not in complement:
        # ``kinh tế số chiếm 30% GRDP của tỉnh``: a share of GRDP (of the province).
        complement = f"{share_of} {complement}".strip()
    if share and subject and complement:
        name = f"Tỷ trọng {_lower_first(subject)} trong {complement}"
    elif (subject.lower() == "có" or not subject) and _counts(item.unit, complement):
        # ``Có ít nhất 30 giống cây trồng … được công nhận``, ``ít nhất 20 cơ sở giáo dục …``:
        # the count of what is counted.
        name = f"Số {complement}"
    elif not subject and complement and item.unit == "%":
        name = f"{rate.group(1) if rate else 'Tỷ lệ'} {complement}"
    else:
        name = " ".join(part for part in (subject, complement) if part)
    if within.endswith("trong đó,") and found and subject:
        name = f"{name} trong {_lower_first(found[-1].name)}"
    name = name.strip(" ,.…")
    return name[:1].upper() + name[1:]


def _counts(unit: str | None, complement: str) -> bool:
    """Whether the words after a figure name what its unit counts (``cơ sở giáo dục …`` after
    ``20``): a unit of things, not a share or a sum of money."""
    if not unit or unit.startswith("%") or _MONEY.match(f" {unit}"):
        return False
    return complement.lower().startswith(unit.lower())


def _lower_first(words: str) -> str:
    """``Kinh tế số`` -> ``kinh tế số`` inside a name; ``GRDP``, ``TFP`` stay as they are."""
    if words[1:2].isupper():
        return words
    return words[:1].lower() + words[1:]

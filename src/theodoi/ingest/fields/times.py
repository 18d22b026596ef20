"""A task's time (``Thời gian thực hiện``/``hoàn thành``) as written and as parsed.

The kinds are those of extraction/SCHEMA.md. Plans write times in a handful of shapes
(``Năm 2025``, ``2021 - 2030``, ``Quý II/2025``, ``6/2025``, ``31/12/2025``, ``Thường xuyên``,
``Trình ... sau khi có Quyết định của Thủ tướng Chính phủ``); several phases in one cell
(``Năm 2022 - 2024: ... Năm 2025 và những năm tiếp theo: ...``) become one range over all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from theodoi.ingest.fields.dates import find_date_spans
from theodoi.ingest.plan import Due, DueKind
from theodoi.ingest.textnorm import normalize_text

# Words that make a time recurring, as the plans write them: every period, every meeting or
# round (``trước mỗi kỳ họp``, ``sau mỗi đợt kiểm tra``), once in so many months.
_RECURRING = re.compile(
    r"\b(thường xuyên|h[àằ]ng (năm|quý|tháng|tuần)|định kỳ|liên tục"
    r"|mỗi (năm|quý|tháng|tuần|kỳ|phiên|đợt|lần)|\d{1,2} (tháng|năm) (một|1) lần)\b",
    re.IGNORECASE,
)
# Where a time starts to depend on someone else's act, on another document or on another's
# schedule (``theo lịch của Sở Nội vụ``, ``theo giấy triệu tập``): the condition runs from
# here to the end. ``Theo
# Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015``: the dates after it are the cited
# document's, never the task's.
_CONDITION_CUE = re.compile(
    r"\b(ngay sau khi|sau khi|khi có|khi được|ngay khi|theo (hướng dẫn|tiến độ|lộ trình|kế hoạch"
    r"|yêu cầu|đề nghị|quy định|chỉ đạo|văn bản|đề án|chương trình|điều|khoản|điểm|mốc|các mốc"
    r"|thời gian|thời hạn|quyết định|nghị định|nghị quyết|thông tư|chỉ thị|công văn|luật"
    r"|kết luận|lịch|thông báo|giấy mời|giấy triệu tập)|tùy theo|tùy thuộc|phụ thuộc)\b",
    re.IGNORECASE,
)
# A meeting a time is tied to, with no date of its own (``trước kỳ họp thứ nhất``, ``tại Hội
# nghị Trung ương 12``, ``sau Đại hội Đảng bộ``).
_EVENT = re.compile(
    r"^(?:(?:trước|tại|sau|trong|vào|đến)\s+)?(?:kỳ họp|phiên họp|hội nghị|đại hội)\b",
    re.IGNORECASE,
)
# A deadline that comes back each period (``Trước ngày 05 của tháng liền kề``, ``Trước ngày
# 31/01 năm liền kề``, ``trước ngày 15 tháng cuối quý``, ``trước ngày 31/3 của năm kế
# hoạch``): recurring, its rule in its text.
_RELATIVE = re.compile(
    r"\bngày\s+\d{1,2}(?:/\d{1,2})?\s+(?:của\s+|hằng\s+|hàng\s+)?(?:(?:mỗi|từng)\s+)?"
    r"(?:(?:năm|tháng|quý|kỳ)\s+(?:liền kề|liền sau|tiếp theo|kế tiếp|sau|báo cáo|kế hoạch)"
    r"|tháng cuối (?:quý|năm)|(?<=mỗi )(?:năm|tháng|quý)|(?<=từng )(?:năm|tháng|quý))\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[-+*•]?\s*(thời gian|thời hạn|tiến độ)[^:]{0,40}:\s*", re.IGNORECASE)
# A document number carries a year (``37/2018/QĐ-TTg``); it is not a time.
_DOCUMENT_NUMBER = re.compile(r"\b\d+/(19|20)\d{2}/[^\s,;.]+")
_YEAR = r"((?:19|20)\d{2})(?!\d)"
# ``Quý II/2025``; ``Quý I, II/2025`` and ``Quý III - IV/2025`` fall due with their last quarter.
_QUARTER = re.compile(
    r"\bquý\s+(?:(?:IV|I{1,3}|[1-4])\s*(?:,|-|và|đến)\s*(?:quý\s+)?)*(IV|I{1,3}|[1-4])"
    r"\s*(?:/|-|năm|,)\s*(?:năm\s*)?" + _YEAR,
    re.IGNORECASE,
)
_HALF_YEAR = re.compile(r"\b(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+" + _YEAR, re.IGNORECASE)
_MONTH = re.compile(
    r"(?:\btháng\s*|(?<![\d/.]))(\d{1,2})\s*(?:/|-|\s+năm\s+)\s*" + _YEAR, re.IGNORECASE
)
_RANGE = re.compile(
    r"(?<!\d)" + _YEAR + r"\s*(?:-|đến|tới|–)\s*(?:hết\s+)?(?:năm\s+)?" + _YEAR, re.IGNORECASE
)
_OPEN_RANGE = re.compile(
    r"(?:\btừ\s+(?:năm\s+)?" + _YEAR + r"(?!\s*(?:-|đến|tới)))"
    r"|(?:(?<!\d)"
    + _YEAR
    + r"\s*(?:,\s*|\s+)(?:và\s+)?(?:(?:những\s+|các\s+)?(?:năm|giai\s+đoạn)\s+(?:tiếp\s+theo|sau)"
    r"|trở\s+đi|về\s+sau))",
    re.IGNORECASE,
)
_SINGLE_YEAR = re.compile(r"(?<![\d/])" + _YEAR)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class _Span:
    kind: DueKind
    start: int
    end: int | None  # None: open-ended
    month: int | None = None
    quarter: int | None = None
    date: datetime.date | None = None


def clean_time_text(text: str | None) -> str | None:
    """The time as written: one line, without its label and without a final full stop."""
    if text is None:
        return None
    cleaned = " ".join(normalize_text(text).split())
    cleaned = _LABEL.sub("", cleaned).strip()
    cleaned = cleaned.rstrip(" .;,").strip()
    if cleaned in {"", "-", "--", "x", "/"}:
        return None
    return cleaned


def parse_due(text: str | None, *, year: int | None = None) -> Due:
    """Parse a time cell or line into a :class:`Due` of extraction/SCHEMA.md.

    A text in words with no time of its own (``Trình ... sau khi ...``, ``Theo hướng dẫn ...``)
    is conditional: the coordinator sets the date once the condition is met. Words that name
    neither a time nor a condition (``Chưa xác định``, ``Đã hoàn thành``) are unspecified and
    keep their text. ``year`` is the year the context gives (a column headed ``Thời gian thực
    hiện (năm 2026)``): the year of a month or a quarter written without one (``Tháng 3``).
    """
    written = clean_time_text(text)
    if written is None:
        return Due()
    time_part, condition = _split_condition(written)
    if condition is None and _RELATIVE.search(time_part):
        return Due(text=written, kind="recurring")
    spans = _spans(time_part) or _spans_in_year(time_part, year)
    if spans:
        due = _due_from_spans(spans)
        due.text = written
        due.condition = condition
        if _RECURRING.search(time_part) and not any(s.kind == "date" for s in spans):
            due.kind = "recurring"
            due.month = due.quarter = None
        return due
    if _RECURRING.search(time_part):
        return Due(text=written, kind="recurring", condition=condition)
    if condition is None and _EVENT.search(time_part):
        # ``Trước kỳ họp thứ nhất Quốc hội khóa XVI``: due by a meeting whose date is set
        # elsewhere; the coordinator dates it once the meeting is called.
        return Due(text=written, kind="conditional", condition=written)
    if condition is None:
        return Due(text=written)
    return Due(text=written, kind="conditional", condition=condition)


_MONTH_ALONE = re.compile(r"^(?:trong |trước |đến |hết )?tháng\s+(\d{1,2})$", re.IGNORECASE)
_QUARTER_ALONE = re.compile(r"^(?:trong |trước |đến |hết )?quý\s+(IV|I{1,3}|[1-4])$", re.IGNORECASE)


def _spans_in_year(text: str, year: int | None) -> list[_Span]:
    """``Tháng 3``, ``Quý IV`` under a header that names the year."""
    if year is None:
        return []
    key = text.strip()
    month = _MONTH_ALONE.match(key)
    if month and 1 <= int(month.group(1)) <= 12:
        return [_Span("month", year, year, month=int(month.group(1)))]
    quarter = _QUARTER_ALONE.match(key)
    if quarter:
        raw = quarter.group(1).upper()
        return [_Span("quarter", year, year, quarter=_ROMAN.get(raw) or int(raw))]
    return []


def _split_condition(text: str) -> tuple[str, str | None]:
    cue = _CONDITION_CUE.search(text)
    if cue is None:
        return text, None
    if cue.start() == 0:
        return "", text
    head = text[: cue.start()]
    condition = text[cue.start() :].strip(" ,;.")
    # "Trình ... ban hành sau khi ..." keeps only the clause; a time before it keeps both.
    return re.sub(r"(,|\bvà)\s*$", "", head.strip()).strip(), condition


def _spans(text: str) -> list[_Span]:
    text = _DOCUMENT_NUMBER.sub(" ", text)
    spans: list[_Span] = []

    def take(pattern: re.Pattern[str], make: Callable[[re.Match[str]], _Span | None]) -> None:
        nonlocal text

        def replace(match: re.Match[str]) -> str:
            span = make(match)
            if span is None:
                return match.group(0)
            spans.append(span)
            return " " * len(match.group(0))

        text = pattern.sub(replace, text)

    for start, end, date in find_date_spans(text):
        spans.append(_Span("date", date.year, date.year, date=date))
        text = text[:start] + " " * (end - start) + text[end:]
    take(_QUARTER, _quarter_span)
    take(_HALF_YEAR, _half_year_span)
    take(_RANGE, _range_span)
    take(_OPEN_RANGE, _open_span)
    take(_MONTH, _month_span)
    take(_SINGLE_YEAR, lambda m: _Span("year", int(m.group(1)), int(m.group(1))))
    return spans


def _quarter_span(match: re.Match[str]) -> _Span:
    raw, year = match.group(1).upper(), int(match.group(2))
    quarter = _ROMAN.get(raw) or int(raw)
    return _Span("quarter", year, year, quarter=quarter)


def _half_year_span(match: re.Match[str]) -> _Span:
    year = int(match.group(2))
    return _Span("month", year, year, month=6 if match.group(1).lower() == "đầu" else 12)


def _month_span(match: re.Match[str]) -> _Span | None:
    month, year = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return _Span("month", year, year, month=month)


def _range_span(match: re.Match[str]) -> _Span | None:
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        return None
    return _Span("range", start, end)


def _open_span(match: re.Match[str]) -> _Span:
    return _Span("range", int(match.group(1) or match.group(2)), None)


def _due_from_spans(spans: list[_Span]) -> Due:
    if len(spans) == 1:
        span = spans[0]
        return Due(
            kind=span.kind,
            start_year=span.start,
            end_year=span.end,
            date=span.date.isoformat() if span.date else None,
            month=span.month,
            quarter=span.quarter,
        )
    # Several phases or several times: one range from the first start to the last end.
    start = min(s.start for s in spans)
    ends = [s.end for s in spans]
    end = None if None in ends else max(e for e in ends if e is not None)
    if end == start:
        return Due(kind="year", start_year=start, end_year=end)
    return Due(kind="range", start_year=start, end_year=end)

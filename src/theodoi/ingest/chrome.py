"""Portal chrome: the buttons, site names and breadcrumbs that a page saved from a provincial
portal carries around the document (seeds 000, 001, 003). They are never content.

The signature block (``Nơi nhận``, ``KT. CHỦ TỊCH``) is not chrome: it is part of the
document and the signer is read from it.
"""

from __future__ import annotations

import re

from theodoi.ingest.blocks import Block, Paragraph, Table

# Buttons and widgets of Vietnamese government portals. Matched case-insensitively on
# normalised text (ASCII dashes); a line made only of these and separators is dropped.
_BUTTONS = (
    r"a\s*-\s*a\s*a\s*\+",  # font-size buttons
    r"tăng tương phản",
    r"giảm tương phản",
    r"sao chép liên kết",
    r"sao chép đường dẫn",
    r"tải văn bản",
    r"tải về",
    r"in trang",
    r"in bài( viết)?",
    r"bản in",
    r"gửi email",
    r"gửi bài viết",
    r"lưu bài viết",
    r"chia sẻ",
    r"nghe đọc bài viết",
    r"nghe bài viết",
    r"cỡ chữ",
    r"về đầu trang",
    r"quay lại",
    r"facebook",
    r"zalo",
    r"twitter",
    r"tweet",
    r"like",
    r"share",
)
# Whole lines that name the portal or its sections rather than say anything.
_PORTAL_LINES = (
    r"trang thông tin điện tử",
    r"cổng thông tin điện tử",
    r"hệ thống pháp luật",
    r"thư viện pháp luật",
    r"thông tin chỉ đạo điều hành",
    r"xem thêm",
    r"lượt xem:?\s*\d*",
)
# Headings under which a page lists its other articles, its readers' comments or its tags.
_ARTICLE_LISTS = (
    r"tin liên quan",
    r"bài viết liên quan",
    r"văn bản liên quan",
    r"(?:các )?tin khác",
    r"tin cùng chuyên mục",
    r"các tin đã đưa",
    r"có thể bạn quan tâm",
    r"ý kiến bạn đọc",
    r"(?:gửi )?bình luận",
    r"từ khóa:.*",
)
_ARTICLE_LIST = re.compile(rf"^(?:{'|'.join(_ARTICLE_LISTS)})$", re.IGNORECASE)
# The start of a document's part (``II.``, ``3.``, ``b)``, ``Điều 2.``, ``PHỤ LỤC``).
_DOCUMENT_PART = re.compile(
    r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|điều \d+\.|phụ lục\b)", re.IGNORECASE
)
_SEPARATORS = r"[\s|•·/\\>»›:]*"
_ONLY_CHROME = re.compile(
    rf"^{_SEPARATORS}(?:(?:{'|'.join(_BUTTONS)}){_SEPARATORS})+$", re.IGNORECASE
)
_PORTAL_LINE = re.compile(rf"^(?:{'|'.join(_PORTAL_LINES)})$", re.IGNORECASE)
# Buttons that end a line of content ("Nguồn: https://... Sao chép liên kết"). Only phrases
# that cannot end a sentence of a plan are stripped this way.
_TRAILING_BUTTONS = re.compile(
    r"(?:\s*\|?\s*(?:sao chép liên kết|sao chép đường dẫn|a\s*-\s*a\s*a\s*\+"
    r"|tăng tương phản|giảm tương phản|in trang|chia sẻ))+\s*$",
    re.IGNORECASE,
)
# normalize_text has already turned » into a plain double quote.
_TRAILING_WORDS = ("liên kết", "đường dẫn", "a+", "tương phản", "in trang", "chia sẻ")
_LONGEST_CHROME_LINE = 160
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[>»›\"]\s+")
_HOME = re.compile(r"^(?:trang chủ|home)\b", re.IGNORECASE)


def _is_breadcrumb(line: str) -> bool:
    """``Trang chủ > Văn bản > Kế hoạch``: short segments joined by an arrow."""
    parts = _BREADCRUMB_SEPARATOR.split(line)
    if _HOME.match(line) and (len(parts) > 1 or len(line) <= len("trang chủ")):
        return True
    return (
        len(parts) >= 3
        and all(part and len(part) <= 40 and any(c.isalpha() for c in part) for part in parts)
        and not line.rstrip().endswith((".", ";", ":"))
    )


def strip_chrome(line: str) -> str:
    """The line without portal chrome: "" when the whole line is chrome, else the line with
    trailing buttons removed. Expects a normalised line (``normalize_text``)."""
    text = line.strip()
    if not text:
        return ""
    # Chrome lines are short; the costlier patterns are not tried on a paragraph of prose.
    if len(text) <= _LONGEST_CHROME_LINE and (
        _ONLY_CHROME.match(text)
        or _PORTAL_LINE.match(text)
        or _is_breadcrumb(text)
        or re.fullmatch(r"[|]+", text)  # a lone table border left by a copy from a web page
    ):
        return ""
    tail = text[-40:].lower()
    if any(word in tail for word in _TRAILING_WORDS):
        text = _TRAILING_BUTTONS.sub("", text).strip()
    return text


def _document_line(block: Block) -> bool:
    """A block only a document has: a table, a numbered part, or a line in capitals (a
    heading, a signature's ``T/M BAN THƯỜNG VỤ``); a portal's headlines are none of these."""
    if isinstance(block, Table):
        return True
    text = block.text.strip()
    return bool(_DOCUMENT_PART.match(text)) or (
        text == text.upper() and sum(c.isalpha() for c in text) > 1
    )


def without_portal_tail(blocks: list[Block]) -> list[Block]:
    """The blocks without a page's lists of other articles (``Tin liên quan`` and the
    headlines under it): the document has ended where such a list begins. Where some of the
    document still follows (a page that lists related articles before the plan, or a PDF
    that reads a signature set beside the recipients after the list), only the list's
    heading is dropped."""
    out: list[Block] = []
    for k, block in enumerate(blocks):
        if isinstance(block, Paragraph) and _ARTICLE_LIST.match(block.text.strip()):
            if not any(_document_line(b) for b in blocks[k + 1 :]):
                return out
            continue
        out.append(block)
    return out

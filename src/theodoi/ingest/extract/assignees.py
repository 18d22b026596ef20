"""Who a task is given to when no ``Cơ quan chủ trì`` label says it, and what else a task's own
line tells: plans organised by agency name the assignee in a heading and list its tasks under
it (``1. Công an tỉnh:``, ``Giao Sở Y tế:``, ``a) Tổ đảng ở Thường trực Ủy ban …:``), or put
it before a colon on the task's line (``- Sở Tài chính: bố trí kinh phí …``) or in front of
the verb (``Sở Nội vụ chủ trì, phối hợp với các sở xây dựng …``); the time closes the line
(``…; hoàn thành trong Quý III/2026.``, ``…; thường xuyên.``).
"""

from __future__ import annotations

import re

from theodoi.ingest.fields.agencies import expand_abbreviations
from theodoi.ingest.fields.bodies import (
    body_end,
    name_runs_on,
    names_end,
    opens_task,
    opens_with_body,
    spelt_as_catalogue,
)
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.tables import Column, looks_like_time

# What an official letter or a decision puts before the body it gives a task to.
_ASKING = re.compile(
    r"^(?:giao(?: cho)?|đề nghị|yêu cầu|ủy quyền(?: cho)?|trách nhiệm của|nhiệm vụ của|đối với)\s+",
    re.IGNORECASE,
)
_LONGEST_NAME = 22  # words; ``Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và Môi trường``


def _normalised(words: str) -> str:
    """``words`` as a body's name is written: without the ``Giao`` that asks it, its
    abbreviations spelt out (a heading may name ``UBND các xã, phường:``), and in capitals (a
    heading's ``I. SỞ NỘI VỤ``) spelt as the catalogue spells it."""
    name = _ASKING.sub("", expand_abbreviations(words.strip())).strip(" .;,-–")
    return spelt_as_catalogue(name[:1] + name[1:].lower()) if name.isupper() else name


def _body(words: str) -> str | None:
    """``words`` as a body's name, or None when they do not read as one."""
    name = _normalised(words)
    if not name or len(name.split()) > _LONGEST_NAME or not opens_with_body(name):
        return None
    return name[:1].upper() + name[1:]


def assignee_of(title: str) -> tuple[str, str] | None:
    """The body a heading assigns its tasks to, and what follows its colon (``1. Sở Tài
    chính: bố trí kinh phí …`` -> ``Sở Tài chính``, ``bố trí kinh phí …``); a heading that is
    a body's name alone (``2. Đảng ủy Văn phòng Quốc hội``), or with its role (``Công an
    tỉnh có trách nhiệm:``, ``Sở Y tế chủ trì, phối hợp với Sở Tài chính``), assigns too.
    None for a heading that names a subject (``1. Công tác tuyên truyền``) or is a task's
    sentence (``Sở Nội vụ chủ trì, phối hợp với các sở xây dựng đề án …``).

    Where the bodies end is read from the catalogue (:func:`names_end`), as it is in a task's
    sentence; the verbs are the fallback where it knows no body there."""
    before, colon, after = title.partition(":")
    text = before if colon else title.strip()
    name = _normalised(text)
    end = names_end(name) if name and opens_with_body(name) else None
    if end is not None:
        rest = name[end:].strip(" ,")
        # ``Vụ Văn hóa, Giáo dục (Văn phòng Quốc hội) có trách nhiệm:``: a bracket after the
        # bodies naming the one they belong to is no part of their name nor of their role.
        if (parent := _PARENT.match(rest)) and opens_with_body(parent.group(1)):
            rest = rest[parent.end() :].strip(" ,")
        if not rest or _only_role(rest):
            return name[:1].upper() + name[1:end], after.strip()
        if opens_task(name[end:]):
            # ``Trung tâm Y tế | dự phòng tỉnh``: a name that runs on to its place, with no
            # verb after the part the catalogue knows, is the whole name; other words after
            # it are what it does: a task's sentence, or before a colon what the bodies do
            # with the items below (``Các sở, ngành căn cứ chức năng, nhiệm vụ:``).
            if not _LOWER_VERB.search(" " + rest) and name_runs_on(" " + rest):
                end = len(name)
            elif not colon:
                return None
            return name[:1].upper() + name[1:end], after.strip()
    if colon:
        body = _body(before)
        return (body, after.strip()) if body else None
    if re.search(r"\b(chủ trì|phối hợp)\b", text, re.IGNORECASE):
        return None  # a task with its lead in front, not a heading
    body = _body(text)
    # Without a colon only a short heading is a name; a long one is a task's sentence, unless
    # it says nothing for its bodies to do (``1. Các sở, ban, ngành cấp tỉnh, Ủy ban nhân dân
    # các xã, phường`` over its lettered items): then it only lists them.
    if body and (
        _ASKING.match(text) or len(text.split()) <= 12 or _LOWER_VERB.search(text) is None
    ):
        return body, ""
    return None


_PARENT = re.compile(r"\(([^()]{3,120})\)")
# What a heading may say after the bodies it names and still be a heading, not a task: their
# role (``chủ trì``, ``có trách nhiệm``), the bodies they work with, that they carry out what
# follows (``thực hiện các nhiệm vụ sau``).
_ROLE = re.compile(
    r"(?:(?:đồng\s+)?chủ trì|(?:có|chịu) trách nhiệm|phụ trách|là cơ quan (?:thường trực|"
    r"chủ trì|đầu mối))(?!\w)\s*,?\s*",
    re.IGNORECASE,
)
_WITH_BODIES = re.compile(r"(?:tham mưu,?\s+)?phối hợp (?:với|cùng)\s+", re.IGNORECASE)
_DUTIES = re.compile(
    r"(?:(?:tổ chức\s+)?(?:thực hiện|triển khai(?: thực hiện)?)\s*)?"
    r"(?:(?:các|những|một số)\s+(?:nhiệm vụ|nội dung|công việc|việc|giải pháp)"
    r"(?:\s+(?:cụ thể|chủ yếu|trọng tâm|chính))?(?:\s+(?:như\s+)?sau(?:\s+đây)?)?)?",
    re.IGNORECASE,
)


def _only_role(words: str) -> bool:
    """Whether ``words`` (what follows a heading's bodies) only say their role, the bodies
    they work with and that they carry out the items below: ``chủ trì, phối hợp với các sở,
    ngành``, ``có trách nhiệm``, ``thực hiện các nhiệm vụ sau``; not ``chủ trì xây dựng …``."""
    role = _ROLE.match(words)
    rest = words[role.end() :] if role else words
    if partners := _WITH_BODIES.match(rest):
        named = rest[partners.end() :]
        end = names_end(named[:1].upper() + named[1:])
        if end is None:
            return False
        rest = named[end:].strip(" ,")
    duties = _DUTIES.fullmatch(rest.strip(" ,"))
    return duties is not None and (role is not None or partners is not None or bool(rest))


# The verbs that open a task's own words once the agencies in front of it are done: where the
# bodies the catalogue knows do not say where a body's name ends (:func:`subject_end`), and to
# end a list of partners.
_VERBS = (
    "ban hành|báo cáo|bảo đảm|bố trí|bồi dưỡng|cải thiện|cân đối|cập nhật|chỉ đạo|chuẩn bị|"
    "chuyển đổi|"
    "công bố|cung cấp|duy trì|đánh giá|đào tạo|đảm bảo|đầu tư|đẩy mạnh|đề xuất|điều chỉnh|"
    "đôn đốc|đổi mới|gửi|hỗ trợ|hoàn thành|hoàn thiện|hướng dẫn|huy động|kết nối|khảo sát|"
    "kiểm tra|kiện toàn|lãnh đạo|lập|liên thông|lựa chọn|nâng cao|nâng cấp|nghiên cứu|phát động|"
    "phát triển|phổ biến|quán triệt|quản lý|rà soát|sắp xếp|số hóa|sơ kết|sửa đổi|tăng cường|"
    "tập huấn|tham gia|tham mưu|thẩm định|thẩm tra|thành lập|theo dõi|thí điểm|thu hút|"
    "thúc đẩy|thực hiện|tiếp nhận|tiếp tục|tổ chức|tổng hợp|tổng kết|trang bị|triển khai|"
    "trình|truyền thông|tuyên truyền|ứng dụng|vận hành|xây dựng|xác định|xử lý|đưa|đăng ký|"
    "ưu tiên|giám sát|phê duyệt|phân loại|kích hoạt|chia sẻ|khai thác|bảo vệ|kiểm soát|"
    "làm sạch|vận động|phủ sóng|tích hợp"
    # ``… các tổ dân phố phối hợp tuyên truyền …``, with the work it names after it; ``phối
    # hợp với`` names partners instead
    r"|phối hợp(?!\s+(?:với|cùng)\b)(?=\s+\w)"
    # the adverbs that stand before the verb: ``Bộ Y tế khẩn trương hoàn thiện …``
    "|khẩn trương|chủ động|kịp thời"
)
# The verb that ends the bodies named in front of it is written in lower case: a verb inside
# a name is capitalised (``Ban Xây dựng Đảng``, ``Trung tâm Chuyển đổi số``).
_LOWER_VERB = re.compile(rf"\s(?=(?:{_VERBS})\b)")
# ``Sở Nội vụ chủ trì, phối hợp với các sở, ngành xây dựng …``: the lead and its partners in
# front of the task's verb.
_LEAD_IN_FRONT = re.compile(
    r"^(?P<lead>[^,;:()]{3,150}?)\s+(?:đồng\s+)?chủ trì\s*,?\s*", re.IGNORECASE
)
_PARTNERS = re.compile(r"^(?:chủ trì,?\s*)?phối hợp (?:với|cùng)\s+", re.IGNORECASE)
_PARTNERS_LAST = re.compile(
    r",\s*phối hợp (?:với|cùng)\s+(?P<partners>[^,;:()]{3,150}?)\s*[.;]?\s*$", re.IGNORECASE
)


def partners_in_words(words: str) -> tuple[str | None, str]:
    """``Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh liên thông dữ liệu …``: the partners
    named before the task's verb, and the words as they are."""
    opening = _PARTNERS.match(words)
    if opening is None:
        return None, words
    rest = words[opening.end() :]
    end = subject_end(rest)
    if end is None:
        return None, words
    partners = rest[:end].strip(" ,")
    return (partners or None), words


def partners_last(words: str) -> str | None:
    """``Xây dựng kho học liệu số dùng chung, phối hợp với Trung tâm …``: the partners named
    last, after the task, with nothing done after them (a body, not ``… phối hợp với doanh
    nghiệp triển khai …``)."""
    closing = _PARTNERS_LAST.search(words)
    if closing is None or _body(closing.group("partners")) is None:
        return None
    return closing.group("partners").strip()


def lead_in_front(words: str) -> tuple[dict[Column, str], str] | None:
    """``Sở Nội vụ chủ trì, phối hợp với các sở xây dựng đề án …``: the lead and partners in
    front, and the task's own words from its verb on."""
    match = _LEAD_IN_FRONT.match(words)
    if match is None or (lead := _body(match.group("lead"))) is None:
        return None
    values = {Column.LEAD: lead}  # without the ``Giao`` that may ask it
    rest = words[match.end() :]
    partners, _ = partners_in_words(rest)
    if partners:
        values[Column.COOPERATING] = partners
        rest = rest[_PARTNERS.match(rest).end() + len(partners) :]  # type: ignore[union-attr]
    rest = rest.strip(" ,")
    if not rest:
        return None
    return values, rest[:1].upper() + rest[1:]


def body_before_colon(words: str) -> tuple[str, str] | None:
    """``Sở Tài chính: bố trí kinh phí …`` -> the body and the task's words."""
    before, colon, after = words.partition(":")
    body = _body(before) if colon and after.strip() else None
    if body is None:
        return None
    rest = after.strip()
    return body, rest[:1].upper() + rest[1:]


# What opens a closing clause that is the task's time.
_TIME_CLAUSE = re.compile(
    r"^(?:(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:?\s*"
    r"|hoàn thành\s+(?=(?:trong|trước|năm|quý|tháng|vào|chậm nhất|theo)\b)"
    r"|thực hiện\s+(?=(?:trong|năm|quý|từ|thường xuyên|hằng|hàng|định kỳ)\b))",
    re.IGNORECASE,
)


def time_at_end(words: str) -> tuple[str, str] | None:
    """The time that closes a task's line, after its last ``;`` or in a closing bracket
    (``…; hoàn thành trong Quý III/2026.``, ``… (hoàn thành trước ngày 30/6/2026).``,
    ``…; thời gian: tháng 11/2026.``, ``…; thường xuyên.``), and the words before it."""
    text = words.rstrip(" .")
    bracket = re.search(r"\s*\(([^()]{3,120})\)$", text)
    if bracket:
        clause, head = bracket.group(1), text[: bracket.start()]
    else:
        head, separator, clause = text.rpartition(";")
        if not separator:
            # ``…, hoàn thành năm 2027.``: after a comma only a clause that says it is the
            # time; other words after a comma are more of the sentence.
            head, separator, clause = text.rpartition(",")
            if not separator or not _TIME_CLAUSE.match(clause.strip()):
                return None
    time = time_clause(clause)
    if time is None and (bracket or separator == ";") and _CONDITION.match(clause.strip()):
        # ``… (theo đề nghị của doanh nghiệp).``, ``…; theo chương trình kiểm tra năm 2026.``:
        # a bracket or a last clause that closes the line with the condition the task waits
        # on is its time.
        time = clause.strip()
    return (head.strip(" ;,"), time) if time else None


_CONDITION = re.compile(
    r"^(theo (đề nghị|yêu cầu|tiến độ|hướng dẫn|kế hoạch|chương trình|lịch)"
    r"|(ngay )?sau khi|khi có)\b",
    re.IGNORECASE,
)


def time_before_colon(words: str) -> tuple[str, str] | None:
    """``Tháng 5/2026: Tổ chức đoàn khảo sát …``, ``Trước ngày 30/10/2026: Hoàn thiện báo
    cáo …``: a schedule's item that opens with its time and a colon; the time, and the task's
    words after it."""
    before, colon, after = words.partition(":")
    if not colon or not after.strip() or len(before.split()) > 8:
        return None
    time = before.strip(" -+•")
    if not looks_like_time(time) or parse_due(time).kind in ("unspecified", "conditional"):
        return None
    rest = after.strip()
    return time, rest[:1].upper() + rest[1:]


def time_clause(clause: str) -> str | None:
    """The time a clause states (``hoàn thành trước ngày 30/6/2026`` -> ``trước ngày
    30/6/2026``, ``thường xuyên``), or None for a clause that is not a time."""
    clause = clause.strip(" .")
    labelled = _TIME_CLAUSE.match(clause)
    time = clause[labelled.end() :] if labelled else clause
    if not time or len(time.split()) > 20:
        return None
    if labelled or (looks_like_time(time) and parse_due(time).kind != "unspecified"):
        return time.strip()
    return None


# A time that ends a task's sentence without a separator: ``… xếp loại cơ quan hằng năm.``,
# ``… trong dự toán ngân sách năm 2026.``, ``… báo cáo trước ngày 05 của tháng liền kề.``
_TRAILING_TIME = re.compile(
    r"(?:\b(?:trước|chậm nhất|trong|vào)\s+ngày\s+\d{1,2}\b.*"
    r"|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)|\bthường xuyên|(?<!/)\bnăm\s+(?:19|20)\d\d"
    r"|\b(?:quý\s+[IV]+|tháng\s+\d{1,2})\s*/\s*(?:19|20)\d\d)\s*[.;]?\s*$",
    re.IGNORECASE,
)


# ``… theo dõi, đôn đốc việc thực hiện, định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.``: a
# task that is to report each period says so before the report, and that period is its time.
_PERIODIC_REPORT = re.compile(
    r"\bđịnh kỳ(?:\s+(?:(?:hằng|hàng)\s+(?:năm|quý|tháng)|\d+\s+tháng|mỗi\s+(?:năm|quý|tháng))"
    r"(?:\s*(?:,|và)\s*(?:hằng|hàng)\s+năm)?)?(?=\s+(?:báo cáo|gửi báo cáo)\b)",
    re.IGNORECASE,
)


def time_in_words(words: str) -> str | None:
    """The time that closes a task's own words, or the period it is to report in, when
    nothing else gives one; the words keep it (it is part of the sentence)."""
    match = _TRAILING_TIME.search(words) or _PERIODIC_REPORT.search(words)
    if match is None:
        return None
    # ``… trước ngày 20/11/2026 để tổng hợp, báo cáo …``: the purpose is no part of the time.
    return re.split(r"\s+để\s", match.group(0))[0].strip(" .;,")


# ``… Giao Ban Tổ chức Tỉnh ủy chủ trì; năm 2025.``: a Party programme names the assignee in a
# sentence of its own after the task's words; without ``Giao`` the sentence opens with the
# body and says only its role (``… Ban Tuyên giáo Đảng ủy chủ trì, phối hợp với các cấp ủy
# thực hiện.``, ``… Ủy ban Kiểm tra Đảng ủy thực hiện.``).
_GIVEN = re.compile(
    r"(?:^|(?<=[.;])\s*)giao\s+(?P<lead>[^.;:]{3,120}?)\s+"
    r"(?:đồng\s+)?(?:chủ trì|lãnh đạo|chỉ đạo|thực hiện|tham mưu|theo dõi)\b(?P<rest>[^.;]*)",
    re.IGNORECASE,
)
_SAYS_ROLE = re.compile(
    r"(?<=\.)\s+(?P<lead>[A-ZĐÀ-Ỹ][^.;:]{2,120}?)\s+(?:đồng\s+)?(?:chủ trì|thực hiện)\b"
    # At most 15 words after the role, each word its own run: nested optional runs made
    # the engine try every way of cutting a long sentence (seconds for one plan).
    r"(?P<rest>[^.;\s]*(?:\s+[^.;\s]+){0,14})\s*(?=[.;]|$)",
)
_PARTNERS_AFTER = re.compile(
    r"^\s*,?\s*phối hợp (?:với|cùng)\s+(?P<coop>.+?)"
    r"(?:\s+(?:thực hiện|triển khai|tham mưu|tổ chức thực hiện))?\s*$",
    re.IGNORECASE,
)


def given_sentence(words: str) -> tuple[str, dict[Column, str], str] | None:
    """The task's words before a sentence that gives it to a body (``Giao X chủ trì …``,
    ``X chủ trì, phối hợp với Y thực hiện.``), the lead and partners it names, and what
    follows it."""
    for pattern in (_GIVEN, _SAYS_ROLE):
        for match in pattern.finditer(words):
            lead = _body(match.group("lead"))
            if not lead or match.start() == 0:
                continue
            values = {Column.LEAD: lead}
            partners = _PARTNERS_AFTER.match(match.group("rest"))
            if partners:
                values[Column.COOPERATING] = partners.group("coop")
            return words[: match.start()].strip(), values, words[match.end() :]
    return None


# ``Đề nghị Trung tâm Chuyển đổi số tỉnh rà soát …``, ``Giao Phòng X theo dõi …``: an official
# letter asks a body by name, then says what; the body ends at the first verb written in
# lower case (a verb inside a name is capitalised: ``Trung tâm Chuyển đổi số``).
_ASKED = re.compile(r"^(?:giao(?: cho)?|đề nghị|yêu cầu)\s+", re.IGNORECASE)
_WORKS_WITH = re.compile(r"\s+phối hợp (?:với|cùng)\s+")


def subject_end(words: str) -> int | None:
    """Where the body a sentence opens with ends and its task begins (``Sở Thông tin và
    Truyền thông | chủ động phối hợp …``, ``Ủy ban nhân dân các xã, phường | rà soát …``):
    at the end of the body the catalogue knows there (bodies.py :func:`body_end`), whatever
    word follows; where it knows none, at the first verb of the list, written in lower case
    (a verb inside a name is capitalised: ``Trung tâm Chuyển đổi số``). A known name that the
    words after it carry on to a place before that verb (``Trung tâm Y tế dự phòng tỉnh tổ
    chức …``) ends at the verb."""
    verb = _LOWER_VERB.search(words)
    known = body_end(words)
    if known is not None and not (
        verb is not None and verb.start() > known and name_runs_on(words[known : verb.start()])
    ):
        return known
    return verb.start() if verb else None


def subject_of(words: str) -> str | None:
    """The body a task's sentence opens with, before its task (``Tổ đảng ở Thường trực Hội
    đồng nhân dân tỉnh lãnh đạo giám sát …`` -> ``Tổ đảng ở Thường trực …``), or None."""
    end = subject_end(words)
    return _body(words[:end]) if end else None


def lead_asked(words: str) -> tuple[dict[Column, str], str] | None:
    """The body an item asks (and the bodies it is to work with), and the task's words from
    its verb on."""
    asked = _ASKED.match(words)
    if asked is None:
        return None
    rest = words[asked.end() :]
    end = subject_end(rest)
    if end is None:
        return None
    named, task = rest[:end], rest[end:].lstrip()
    lead, *more = _WORKS_WITH.split(named, maxsplit=1)
    body = _body(lead)
    if body is None or not task.strip():
        return None
    values = {Column.LEAD: body}
    if more and more[0].strip(" ,"):
        values[Column.COOPERATING] = more[0].strip(" ,")
    return values, task[:1].upper() + task[1:]


def lead_as_subject(words: str) -> tuple[dict[Column, str], str] | None:
    """``Bộ Giáo dục và Đào tạo khẩn trương hoàn thiện Đề án …``, ``Ủy ban nhân dân các tỉnh
    bố trí …``: an item of a letter or a conclusion that opens with the body it addresses,
    then says what, with no ``chủ trì``; the body ends where :func:`subject_end` says. A
    body that gives the work to another (``Bộ Nội vụ giao Vụ X …``) names that one."""
    end = subject_end(words)
    # ``Thường trực Tỉnh ủy ghi nhận, đánh giá cao …``: words that end at a comma before the
    # verb are more verbs, not a body's name.
    if end is None or not words[:1].isupper() or words[:end].endswith(","):
        return None
    # ``Bộ Nội vụ giao Vụ Công chức - Viên chức hướng dẫn …``: the body given the work leads.
    giver, given, named = words[:end].rpartition(" giao ")
    body = _body(named) if given and _body(giver) else _body(words[:end])
    task = words[end:].lstrip()
    if body is None or _ASKING.match(words) or not task.strip():
        return None
    return {Column.LEAD: body}, task[:1].upper() + task[1:]


# ``… đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo thực hiện các nội dung sau:``
# The body ends before its verb, never at a comma: in ``… yêu cầu các cấp ủy, tổ chức đảng tập
# trung …`` the ``tổ chức`` after the comma is one more body of the list.
# ``Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố:`` names the body alone.
_ANNOUNCED = re.compile(
    r"\b(?:đề nghị|giao|yêu cầu)\s+(?:(?P<body>.{2,120}?[^,])\s+(?:chỉ đạo|thực hiện|"
    r"triển khai|khẩn trương|quan tâm|tập trung|tổ chức|phối hợp)\b[^:]*"
    r"|(?P<named>[^:]{3,120}?))\s*:\s*$",
    re.IGNORECASE,
)
# ``Quý Sở``, ``Quý cơ quan``: a letter's courtesy name for the body it is sent to.
_COURTESY = re.compile(r"^quý\s+\w+(?:\s+\w+)?$", re.IGNORECASE)


def announced_assignee(sentence: str, addressee: str | None = None) -> str | None:
    """The body a sentence gives the items after it to (an official letter's request); a
    letter that asks ``Quý Sở`` asks the body it is sent to (``addressee``)."""
    match = _ANNOUNCED.search(sentence)
    if match is None:
        return None
    named = "body" if match.group("body") else "named"
    body = match.group(named)
    if _COURTESY.match(body.strip()):
        return addressee
    # ``… đề nghị Sở Y tế nghiêm túc triển khai …:``: a body the catalogue knows ends there.
    known = body_end(sentence[match.start(named) :])
    return _body(body[:known] if known is not None and known < len(body) else body)


_TO = re.compile(r"^kính gửi\s*:\s*(?P<to>.*)$", re.IGNORECASE)


def addressee_of(line: str) -> str | None:
    """The one body a ``Kính gửi: …`` line names, or None (no such line, or several bodies)."""
    match = _TO.match(line.strip())
    if match is None:
        return None
    to = match.group("to").strip(" .;")
    return _body(to) if to and ";" not in to else None

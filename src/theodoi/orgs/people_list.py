"""Reading a list of people to invite, as a coordinator keeps it in Excel: one row a person,
with their name, e-mail address, agency and role. Plain Python (no Django): rows of cell values
in, the lines and every error out, each error naming its row and column in Vietnamese.

Lists come from many hands: the header may stand under a title row, be written with or without
tone marks (``Họ và tên``, ``Ho ten``, ``E-mail``, ``Thư điện tử``), the columns in any order;
a role is written as the interface names it (``đơn vị thực hiện``, ``lãnh đạo``) or as a short
word (``báo cáo``, ``thanh tra``). Which agency a name designates and whether an address is
already taken are the database's questions (theodoi.orgs.accounts); this module reads only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from theodoi.orgs.search import search_key

# A province's list is its departments' and communes' focal people: a few hundred at most.
MAX_PEOPLE = 500
# The header may stand below a title (``DANH SÁCH TÀI KHOẢN ...``) and a blank row or two.
HEADER_SEARCH_ROWS = 10
# Django's user model keeps 150 characters of a name and 254 of an address (RFC 5321).
MAX_NAME = 150
MAX_EMAIL = 254
MAX_LOCAL_PART = 64
MAX_AGENCY = 300


class Column(StrEnum):
    NAME = "name"
    EMAIL = "email"
    AGENCY = "agency"
    ROLE = "role"


# What each column is called in the list the page offers, and in the messages.
COLUMN_LABELS = {
    Column.NAME: "Họ và tên",
    Column.EMAIL: "E-mail",
    Column.AGENCY: "Cơ quan",
    Column.ROLE: "Vai trò",
}
# Headers as people write them, as search keys (no case, no tone marks, no punctuation).
_HEADERS = {
    Column.NAME: {
        "ho va ten",
        "ho ten",
        "ten",
        "ten nguoi dung",
        "ten can bo",
        "ho va ten can bo",
        "name",
        "full name",
    },
    Column.EMAIL: {
        "e mail",
        "email",
        "mail",
        "thu dien tu",
        "dia chi e mail",
        "dia chi email",
        "dia chi thu dien tu",
        "e mail cong vu",
        "email cong vu",
    },
    Column.AGENCY: {
        "co quan",
        "don vi",
        "co quan don vi",
        "don vi cong tac",
        "co quan cong tac",
        "co quan don vi cong tac",
        "to chuc",
        "agency",
        "organisation",
        "organization",
    },
    Column.ROLE: {"vai tro", "quyen", "nhom quyen", "role"},
}

# The roles a list may grant, as Role's values (theodoi.orgs.models), and the words for each.
# IT staff's role is never granted from a list.
ROLE_WORDS = {
    "reporter": {
        "don vi thuc hien",
        "thuc hien",
        "bao cao",
        "nguoi bao cao",
        "can bo bao cao",
        "reporter",
    },
    "coordinator": {
        "co quan dau moi",
        "dau moi",
        "dieu phoi",
        "co quan dieu phoi",
        "coordinator",
    },
    "leader": {"lanh dao", "leader"},
    "inspector": {
        "thanh tra kiem tra giam sat",
        "thanh tra",
        "kiem tra",
        "giam sat",
        "inspector",
    },
}
_ADMIN_WORDS = {"quan tri", "quan tri he thong", "admin", "administrator"}
ROLE_NAMES = {
    "reporter": "đơn vị thực hiện",
    "coordinator": "cơ quan đầu mối",
    "leader": "lãnh đạo",
    "inspector": "thanh tra, kiểm tra, giám sát",
}

# One address: a local part and a domain of dotted labels, as mail servers accept them; the
# database layer checks it once more with Django's validator.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_FORMULA_ERROR = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)|Err:\d{3}")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PersonLine:
    """One person of the list; ``row`` is the sheet's row number, as Excel shows it."""

    row: int
    name: str
    email: str
    agency: str
    role: str


@dataclass(frozen=True)
class LineError:
    row: int | None
    column: Column | None
    reason: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column is not None:
            where.append(f"cột “{COLUMN_LABELS[self.column]}”")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class PeopleList:
    lines: list[PersonLine] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def text_of(value: Any) -> str:
    """A cell as text: NFC (lists pasted from the web come decomposed), one space between
    words, a whole number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def column_of(header: Any) -> Column | None:
    """The column a header names, however it is written; None when it names none."""
    key = search_key(text_of(header).rstrip("*:"))
    return next((column for column, names in _HEADERS.items() if key in names), None)


def role_of(text: str) -> str | None:
    """The role (a Role value) ``text`` names; None when it names none a list may grant."""
    key = search_key(text)
    return next((role for role, words in ROLE_WORDS.items() if key in words), None)


def email_problem(address: str) -> str | None:
    """Why ``address`` is not one e-mail address; None when it is."""
    if not address:
        return "chưa có địa chỉ e-mail."
    if len(address) > MAX_EMAIL:
        return f"địa chỉ dài quá {MAX_EMAIL} ký tự."
    if re.search(r"[\s,;]", address) and address.count("@") > 1:
        return f"“{address}” có nhiều địa chỉ; mỗi dòng chỉ ghi một địa chỉ e-mail."
    local, at, domain = address.rpartition("@")
    labels = domain.split(".")
    if (
        not at
        or len(local) > MAX_LOCAL_PART
        or not _LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return f"“{address}” không phải địa chỉ e-mail hợp lệ (ví dụ: ten@sokhcn.gov.vn)."
    return None


def normal_email(text: str) -> str:
    """An address as theodoi keeps it: without ``mailto:`` or angle brackets, in lower case
    (mail servers of agencies do not tell case apart, and people type it either way)."""
    address = text.strip().strip("<>").strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return address.lower()


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[Column, int], list[LineError]]:
    """The header row's index, each column's position, and the errors of the header: a
    column named twice, a column missing."""
    best: tuple[int, dict[Column, list[int]]] | None = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[Column, list[int]] = {}
        for position, cell in enumerate(row):
            column = column_of(cell)
            if column is not None:
                found.setdefault(column, []).append(position)
        if found and (best is None or len(found) > len(best[1])):
            best = (index, found)
    needed = ", ".join(f"“{label}”" for label in COLUMN_LABELS.values())
    if best is None:
        return (
            -1,
            {},
            [LineError(None, None, f"Không thấy dòng tiêu đề; danh sách cần các cột {needed}.")],
        )
    index, found = best
    errors = [
        LineError(index + 1, column, f"có {len(positions)} cột cùng tên; chỉ giữ một cột.")
        for column, positions in found.items()
        if len(positions) > 1
    ]
    errors += [
        LineError(
            index + 1,
            None,
            f"thiếu cột “{COLUMN_LABELS[column]}” trong dòng tiêu đề; "
            f"danh sách cần các cột {needed}.",
        )
        for column in Column
        if column not in found
    ]
    return index, {column: positions[0] for column, positions in found.items()}, errors


def _cell(row: Sequence[Any], position: int) -> Any:
    return row[position] if position < len(row) else None


def _line(number: int, cells: dict[Column, str], errors: list[LineError]) -> PersonLine | None:
    """One person's line, or None with its errors."""
    problems: list[LineError] = []
    for column, text in cells.items():
        if _FORMULA_ERROR.fullmatch(text):
            problems.append(LineError(number, column, f"ô có lỗi công thức ({text})."))
    if problems:
        errors += problems
        return None
    name, agency, role_text = cells[Column.NAME], cells[Column.AGENCY], cells[Column.ROLE]
    email = normal_email(cells[Column.EMAIL])
    if not name:
        problems.append(LineError(number, Column.NAME, "chưa có họ và tên."))
    elif len(name) > MAX_NAME:
        problems.append(LineError(number, Column.NAME, f"họ và tên dài quá {MAX_NAME} ký tự."))
    if problem := email_problem(email):
        problems.append(LineError(number, Column.EMAIL, problem))
    if not agency:
        problems.append(LineError(number, Column.AGENCY, "chưa có tên cơ quan."))
    elif len(agency) > MAX_AGENCY:
        problems.append(
            LineError(number, Column.AGENCY, f"tên cơ quan dài quá {MAX_AGENCY} ký tự.")
        )
    role = role_of(role_text)
    if role is None:
        problems.append(LineError(number, Column.ROLE, _role_problem(role_text)))
    if problems:
        errors += problems
        return None
    assert role is not None
    return PersonLine(number, name, email, agency, role)


def _role_problem(text: str) -> str:
    choices = ", ".join(f"“{name}”" for name in ROLE_NAMES.values())
    if not text:
        return f"chưa có vai trò; ghi một trong các vai trò {choices}."
    if search_key(text) in _ADMIN_WORDS:
        return (
            "vai trò quản trị hệ thống không cấp được từ danh sách; "
            f"ghi một trong các vai trò {choices}."
        )
    return f"“{text}” không phải vai trò; ghi một trong các vai trò {choices}."


def read_people_list(rows: Sequence[Sequence[Any]]) -> PeopleList:
    """The people of a list's rows (the first sheet, values only), and every error: a missing
    column, a cell without what it needs, an address that is not one or is written twice, a
    role theodoi does not know, more people than :data:`MAX_PEOPLE`. Blank rows are skipped."""
    reading = PeopleList()
    index, positions, header_errors = _header(rows)
    reading.errors += header_errors
    if header_errors:
        return reading
    first_row: dict[str, int] = {}
    people = 0
    for offset, row in enumerate(rows[index + 1 :], start=index + 2):
        cells = {column: text_of(_cell(row, at)) for column, at in positions.items()}
        if not any(cells.values()):
            continue
        people += 1
        if people > MAX_PEOPLE:
            reading.errors.append(
                LineError(
                    offset,
                    None,
                    f"danh sách có quá {MAX_PEOPLE} người; hãy chia thành nhiều tệp.",
                )
            )
            break
        line = _line(offset, cells, reading.errors)
        if line is None:
            continue
        if line.email in first_row:
            reading.errors.append(
                LineError(
                    offset,
                    Column.EMAIL,
                    f"địa chỉ {line.email} đã có ở dòng {first_row[line.email]}.",
                )
            )
            continue
        first_row[line.email] = offset
        reading.lines.append(line)
    if not reading.errors and not reading.lines:
        reading.errors.append(LineError(None, None, "Danh sách không có người nào."))
    return reading

"""What a reporter fills in for one task, declared once (STYLE.md 16, as pretix declares its
settings in ``DEFAULTS``).

The form, the model's audit data, the agency workbook's columns and reader, the review page
and the Word and Excel reports all read :data:`UPDATE_FIELDS`; each of them handles a field by
its :class:`Kind`, so a new field of a kind that exists is one entry here, one on
:class:`UpdateContent` and one model field (with its migration). Tests walk the declaration and
fail when a path leaves a field out.

Plain Python: the workbook reads this without Django. Labels are English message ids,
translated where they are shown.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from dataclasses import dataclass
from typing import Any


def gettext_noop(message: str) -> str:
    """Marks a message id for the catalogue; it is translated where it is shown."""
    return message


class Kind(enum.StrEnum):
    STATUS = "status"  # one of the six statuses (a code; the workbook shows its label)
    PERCENT = "percent"  # a whole number from 0 to 100
    DATE = "date"
    TEXT = "text"


class InReports(enum.Enum):
    """Where the Word and Excel reports carry a field of the lead agency's accepted update."""

    # Through the rules' judgement: the reports show the status and progress it gives.
    JUDGED = "judged"
    # The task's line: a column of the Excel task table, the task's line in the Word report.
    TASK_LINE = "task_line"
    # Listed by agency and task under its own heading of the Word report.
    REMARK = "remark"
    NOT_SHOWN = "not_shown"


@dataclass(frozen=True)
class UpdateField:
    name: str
    label: str  # the form's label (an English message id)
    kind: Kind
    header: str  # the agency workbook's column; Vietnamese, as the workbook's keys are
    width: int  # of that column
    required: bool = False
    rows: int = 2  # of a text's box in the form
    # The read pages' label when it differs from the form's.
    shown_label: str = ""
    in_reports: InReports = InReports.NOT_SHOWN
    # The Excel column of a TASK_LINE field when it differs from the label (context "report").
    report_label: str = ""
    # A REMARK field's heading of the Word report, and what it says when nobody wrote one.
    remark_heading: str = ""
    remark_none: str = ""
    # The accepted value reaches the public (portal, open data) through the snapshot.
    public: bool = False

    @property
    def read_label(self) -> str:
        return self.shown_label or self.label


@dataclass(frozen=True)
class UpdateContent:
    """What a reporter fills in for one task: one attribute per entry of UPDATE_FIELDS."""

    status: str
    progress: int
    completed_on: datetime.date | None = None
    results: str = ""
    product: str = ""
    difficulties: str = ""
    proposals: str = ""
    self_assessment: str = ""


def _remark(name: str, label: str, header: str, heading: str, none: str) -> UpdateField:
    """A text the Word report lists under ``heading`` (saying ``none`` when nobody wrote one)."""
    return UpdateField(
        name,
        label,
        Kind.TEXT,
        header,
        30,
        in_reports=InReports.REMARK,
        remark_heading=heading,
        remark_none=none,
    )


UPDATE_FIELDS: tuple[UpdateField, ...] = (
    UpdateField(
        "status",
        gettext_noop("Status"),
        Kind.STATUS,
        "Trạng thái",
        26,
        required=True,
        in_reports=InReports.JUDGED,
        public=True,
    ),
    UpdateField(
        "progress",
        gettext_noop("Progress (%)"),
        Kind.PERCENT,
        "Tiến độ (%)",
        11,
        required=True,
        shown_label=gettext_noop("Progress"),
        in_reports=InReports.JUDGED,
        public=True,
    ),
    UpdateField(
        "completed_on",
        gettext_noop("Completed on"),
        Kind.DATE,
        "Ngày hoàn thành",
        15,
        in_reports=InReports.JUDGED,
    ),
    UpdateField(
        "results",
        gettext_noop("Results achieved"),
        Kind.TEXT,
        "Kết quả đạt được",
        40,
        rows=4,
        in_reports=InReports.TASK_LINE,
        report_label=gettext_noop("Latest result"),
    ),
    UpdateField("product", gettext_noop("Product delivered"), Kind.TEXT, "Sản phẩm đã có", 30),
    _remark(
        "difficulties",
        gettext_noop("Difficulties"),
        "Khó khăn, vướng mắc",
        gettext_noop("III. DIFFICULTIES AND OBSTACLES"),
        gettext_noop("No agency reported a difficulty in its accepted updates."),
    ),
    _remark(
        "proposals",
        gettext_noop("Proposals"),
        "Đề xuất, kiến nghị",
        gettext_noop("IV. PROPOSALS AND RECOMMENDATIONS"),
        gettext_noop("No agency made a proposal in its accepted updates."),
    ),
    # The agency's own judgement of what it achieved (kết quả tự đánh giá). Free text: the
    # seeds leave the scale to each plan's criteria ("xây dựng bộ tiêu chí đánh giá").
    UpdateField(
        "self_assessment",
        gettext_noop("Self-assessment of the result"),
        Kind.TEXT,
        "Kết quả tự đánh giá",
        30,
        in_reports=InReports.TASK_LINE,
    ),
)
FIELDS_BY_NAME = {field.name: field for field in UPDATE_FIELDS}

if [f.name for f in UPDATE_FIELDS] != [f.name for f in dataclasses.fields(UpdateContent)]:
    raise TypeError("UpdateContent and UPDATE_FIELDS must name the same fields, in one order.")


def fields_in(use: InReports) -> tuple[UpdateField, ...]:
    return tuple(field for field in UPDATE_FIELDS if field.in_reports is use)


def content_of(values: Any) -> UpdateContent:
    """The content an object holding the fields as attributes (a stored update) says."""
    return UpdateContent(**{field.name: getattr(values, field.name) for field in UPDATE_FIELDS})


def stored(content: UpdateContent) -> dict[str, object]:
    """The content as it is stored: texts without their surrounding blanks."""
    values: dict[str, object] = {}
    for field in UPDATE_FIELDS:
        value = getattr(content, field.name)
        values[field.name] = value.strip() if field.kind is Kind.TEXT else value
    return values


def as_data(values: Any) -> dict[str, object]:
    """The fields as JSON values (ISO dates), for the audit log."""
    data: dict[str, object] = {}
    for field in UPDATE_FIELDS:
        value = getattr(values, field.name)
        data[field.name] = value.isoformat() if isinstance(value, datetime.date) else value
    return data

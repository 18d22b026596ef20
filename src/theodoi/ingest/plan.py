"""The Plan JSON of extraction/SCHEMA.md as dataclasses, and its conversion to and from JSON.

Every stage of the pipeline hands these on; the Django import reads them back with
:func:`Plan.from_dict`, so the JSON file and the objects never drift apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from theodoi.ingest.schedule import Schedule, schedule_from_json, schedule_to_json

SCHEMA_VERSION = 1

DocumentKind = Literal[
    "ke_hoach", "chuong_trinh", "nghi_quyet", "quyet_dinh", "bao_cao", "tin_bai", "khac"
]
DueKind = Literal[
    "recurring", "year", "month", "quarter", "range", "date", "conditional", "unspecified"
]
TargetOp = Literal[">=", ">", "<=", "<", "=", "range", "rank_top"]


@dataclass(frozen=True)
class Reference:
    """A document cited: its number, and its year and issuer where the text gives them; two
    documents of one number are told apart by those (``50/NQ-CP`` of 2020 and of 2025)."""

    number: str
    year: int | None
    issuer: str | None = None


@dataclass
class DocumentInfo:
    number: str | None = None
    kind: DocumentKind = "khac"
    title: str | None = None
    issuer: str | None = None
    province: str | None = None
    issued_on: str | None = None  # ISO date
    signer: str | None = None
    implements: list[str] = field(default_factory=list)
    # ``implements`` dated: what the Django import compares with a higher plan's year and
    # issuer before it links the two. Not in SCHEMA.md; absent from the JSON when empty.
    references: list[Reference] = field(default_factory=list)


@dataclass
class Group:
    code: str
    title: str


@dataclass
class Due:
    """A task's time, as written (``text``) and as parsed."""

    text: str | None = None
    kind: DueKind = "unspecified"
    start_year: int | None = None
    end_year: int | None = None
    date: str | None = None  # ISO date, kind "date"
    condition: str | None = None
    month: int | None = None  # kind "month"
    quarter: int | None = None  # kind "quarter"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        # month and quarter appear only for the kinds that have them, as in the gold files.
        if self.month is None:
            out.pop("month")
        if self.quarter is None:
            out.pop("quarter")
        return out


@dataclass
class Task:
    code: str
    group: str | None
    title: str
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    expected_output: str | None = None
    due: Due = field(default_factory=Due)
    # Field name -> why the extractor is unsure; shown highlighted in the import preview.
    doubts: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "group": self.group,
            "title": self.title,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "expected_output": self.expected_output,
            "due": self.due.to_dict(),
        }
        if self.doubts:
            out["doubts"] = dict(self.doubts)
        return out


@dataclass
class Target:
    text: str | None = None
    op: TargetOp | None = None
    value: float | None = None
    value_max: float | None = None


@dataclass
class Indicator:
    code: str
    name: str
    unit: str | None = None
    target: Target = field(default_factory=Target)
    year: int | None = None
    agencies: list[str] = field(default_factory=list)
    doubts: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "target": asdict(self.target),
            "year": self.year,
            "agencies": list(self.agencies),
        }
        if self.doubts:
            out["doubts"] = dict(self.doubts)
        return out


@dataclass
class Plan:
    document: DocumentInfo = field(default_factory=DocumentInfo)
    groups: list[Group] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    notes: str | None = None
    # Problems met while reading, in Vietnamese, for the person who checks the extraction.
    warnings: list[str] = field(default_factory=list)
    # When agencies report, as the document states it; publishing sets it on the plan.
    schedule: Schedule | None = None

    def to_dict(self) -> dict[str, Any]:
        document = asdict(self.document)
        if not self.document.references:
            del document["references"]
        out: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "document": document,
            "groups": [asdict(g) for g in self.groups],
            "tasks": [t.to_dict() for t in self.tasks],
            "indicators": [i.to_dict() for i in self.indicators],
        }
        if self.notes:
            out["notes"] = self.notes
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.schedule is not None:
            out["schedule"] = schedule_to_json(self.schedule)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """Build a Plan from Plan JSON; the caller validates it against the schema first."""
        doc = data.get("document") or {}
        return cls(
            document=DocumentInfo(
                number=doc.get("number"),
                kind=doc.get("kind") or "khac",
                title=doc.get("title"),
                issuer=doc.get("issuer"),
                province=doc.get("province"),
                issued_on=doc.get("issued_on"),
                signer=doc.get("signer"),
                implements=list(doc.get("implements") or []),
                references=[Reference(**r) for r in doc.get("references") or []],
            ),
            groups=[Group(code=g["code"], title=g["title"]) for g in data.get("groups") or []],
            tasks=[
                Task(
                    code=t["code"],
                    group=t.get("group"),
                    title=t["title"],
                    lead=list(t.get("lead") or []),
                    cooperating=list(t.get("cooperating") or []),
                    expected_output=t.get("expected_output"),
                    due=Due(**(t.get("due") or {})),
                    doubts=dict(t.get("doubts") or {}),
                )
                for t in data.get("tasks") or []
            ],
            indicators=[
                Indicator(
                    code=i["code"],
                    name=i["name"],
                    unit=i.get("unit"),
                    target=Target(**(i.get("target") or {})),
                    year=i.get("year"),
                    agencies=list(i.get("agencies") or []),
                    doubts=dict(i.get("doubts") or {}),
                )
                for i in data.get("indicators") or []
            ],
            notes=data.get("notes"),
            warnings=list(data.get("warnings") or []),
            schedule=schedule_from_json(data["schedule"]) if data.get("schedule") else None,
        )

"""Every file theodoi gives out, declared once: what it is about, its name, its extension (its
media type follows), its file name, how it is written and who may have it.

The workspace's pages and the portal list the files of the thing they show from here, and
their URLs are made from here (``theodoi.exports.serving``), so adding an exporter is adding
one entry to ``EXPORTERS`` (and, since it is a new route, its row in the permission matrix).
What a file holds is its writer's: ``word``, ``excel``, ``tabular``, the agency workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from theodoi.exports.audit import AuditSheet, audit_xlsx
from theodoi.exports.content import PlanReport
from theodoi.exports.excel import plan_table_xlsx
from theodoi.exports.tabular import OpenData, as_csv, as_json
from theodoi.exports.word import round_report_docx
from theodoi.orgs.models import Organisation
from theodoi.orgs.roles import Persona
from theodoi.reporting.access import is_coordinator, is_leader, is_reporter, is_staff_reader
from theodoi.reporting.agency_workbook import download_workbook
from theodoi.reporting.models import ReportingRound

# A file's media type follows from its extension: one table, so the two cannot disagree.
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


class Subject(StrEnum):
    """What a file is about; each subject has one view that finds it and checks access to it,
    and one URL namespace."""

    ROUND = "round"  # a reporting round, for staff readers (the round list)
    PLAN = "plan"  # a plan, for staff readers (the workspace's plan page)
    AGENCY_ROUND = "agency_round"  # a round as one agency reports it (its reporting page)
    DATASET = "dataset"  # a dataset of a published plan (the portal's plan page)
    AUDIT = "audit"  # the audit log as filtered, for coordinators and leaders (the audit page)

    @property
    def namespace(self) -> str:
        return _NAMESPACES[self]


_NAMESPACES = {
    Subject.ROUND: "exports",
    Subject.PLAN: "exports",
    Subject.AGENCY_ROUND: "reporting",
    Subject.DATASET: "portal",
    Subject.AUDIT: "auditlog",
}

S = TypeVar("S")


@dataclass(frozen=True)
class AgencyRound:
    round: ReportingRound
    organisation: Organisation


@dataclass(frozen=True)
class Exporter(Generic[S]):
    key: str  # identifier and URL name within the subject's namespace
    subject: Subject
    route: str  # the URL, relative to the namespace's root
    name: str | Promise  # the link's text
    extension: str
    stem: Callable[[S], str]  # the file's name, before its extension
    render: Callable[[S], bytes]
    may_use: Callable[[Persona], bool]

    @property
    def url_name(self) -> str:
        return f"{self.subject.namespace}:{self.key}"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.extension]

    def filename(self, subject: S) -> str:
        return f"{self.stem(subject)}.{self.extension}"


def reporters(persona: Persona) -> bool:
    return is_reporter(persona) and persona.organisation is not None


def everyone(persona: Persona) -> bool:
    return True


def audit_readers(persona: Persona) -> bool:
    """Coordinators (and IT staff) and leaders read the audit log of their scope."""
    return is_coordinator(persona) or is_leader(persona)


def _round_of(report: PlanReport) -> ReportingRound:
    if report.round is None:
        raise ValueError("a round's report is made for a round")
    return report.round


def open_data(extension: str, render: Callable[[OpenData], bytes]) -> Exporter[OpenData]:
    """A format of the portal's open data: every dataset of every published plan, for anyone."""
    return Exporter[OpenData](
        key=f"open_data_{extension}",
        subject=Subject.DATASET,
        route=f"ke-hoach/<int:plan_id>/du-lieu/<slug:dataset>.{extension}",
        name=extension.upper(),
        extension=extension,
        stem=lambda data: f"theodoi-{data.plan.pk}-{data.dataset.name}",
        render=render,
        may_use=everyone,
    )


EXPORTERS: dict[str, Exporter[Any]] = {
    exporter.key: exporter
    for exporter in (
        Exporter[PlanReport](
            key="round_report",
            subject=Subject.ROUND,
            route="ky-bao-cao/<int:round_id>/bao-cao.docx",
            name=_("report (Word)"),
            extension="docx",
            stem=lambda report: f"bao-cao-ky-{_round_of(report).pk}",
            render=round_report_docx,
            # Reports read every task, confidential ones too.
            may_use=is_staff_reader,
        ),
        Exporter[PlanReport](
            key="plan_table",
            subject=Subject.PLAN,
            route="ke-hoach/<int:plan_id>/bang-nhiem-vu.xlsx",
            name=_("Download the task and indicator tables (Excel)"),
            extension="xlsx",
            stem=lambda report: f"ke-hoach-{report.plan.pk}-nhiem-vu",
            render=plan_table_xlsx,
            may_use=is_staff_reader,
        ),
        Exporter[AgencyRound](
            key="workbook",
            subject=Subject.AGENCY_ROUND,
            route="ky-bao-cao/<int:round_id>/bang-tinh/",
            name=_("Download the Excel workbook"),
            extension="xlsx",
            stem=lambda agency: f"bao-cao-ky-{agency.round.pk}",
            render=lambda agency: download_workbook(agency.round, agency.organisation),
            may_use=reporters,
        ),
        open_data("csv", as_csv),
        open_data("json", as_json),
        Exporter[AuditSheet](
            key="audit_xlsx",
            subject=Subject.AUDIT,
            route="nhat-ky/nhat-ky.xlsx",
            name=_("Export the filtered list (Excel)"),
            extension="xlsx",
            stem=lambda sheet: "nhat-ky",
            render=audit_xlsx,
            may_use=audit_readers,
        ),
    )
}


def exporters_of(subject: Subject) -> list[Exporter[Any]]:
    return [e for e in EXPORTERS.values() if e.subject == subject]

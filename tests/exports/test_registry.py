"""Every exporter of the registry, whatever it is, gives a real file that opens with its own
library, is offered on the page its users already use, and is refused to everyone else. A new
entry in EXPORTERS is held to all three without a line here, unless it brings a new subject
or a new file type (then OPENERS or SUBJECTS fails the first test)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from theodoi.exports.registry import EXPORTERS, Exporter, Subject
from theodoi.orgs.roles import persona_of
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.services import rebuild_snapshot

ROLES = ("public", "reporter", "other_reporter", "leader", "coordinator", "admin_persona")


def _docx(data: bytes) -> int:
    return len(Document(io.BytesIO(data)).paragraphs)


def _xlsx(data: bytes) -> int:
    workbook = load_workbook(io.BytesIO(data))
    return sum(sheet.max_row for sheet in workbook.worksheets)


def _csv(data: bytes) -> int:
    assert data.startswith(b"\xef\xbb\xbf")
    return len(list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))))


def _json(data: bytes) -> int:
    return len(json.loads(data)["rows"])


# A file type's real reader: how many paragraphs or rows it holds once opened.
OPENERS: dict[str, Callable[[bytes], int]] = {
    "docx": _docx,
    "xlsx": _xlsx,
    "csv": _csv,
    "json": _json,
}


@dataclass(frozen=True)
class Place:
    """Where the users of a subject's files find them: the page and the URL's arguments."""

    page: str
    page_args: Callable[[ReportingRound], list[Any]]
    args: Callable[[ReportingRound], list[Any]]


SUBJECTS: dict[Subject, Place] = {
    Subject.ROUND: Place("reporting:round_list", lambda r: [], lambda r: [r.pk]),
    Subject.PLAN: Place("workspace:plan_detail", lambda r: [r.plan_id], lambda r: [r.plan_id]),
    Subject.AGENCY_ROUND: Place("reporting:agency", lambda r: [r.pk], lambda r: [r.pk]),
    Subject.DATASET: Place(
        "portal:plan_detail", lambda r: [r.plan_id], lambda r: [r.plan_id, "tasks"]
    ),
    Subject.AUDIT: Place("auditlog:entries", lambda r: [], lambda r: []),
}


@pytest.fixture
def published_round(reported_round: ReportingRound) -> ReportingRound:
    """The reported round, its plan evaluated into a snapshot as the portal reads it."""
    rebuild_snapshot(
        reported_round.plan, as_of=reported_round.cut_off, now=reported_round.opened_at
    )
    return reported_round


def client_of(person: Any) -> Client:
    client = Client()
    if isinstance(person, User):
        client.force_login(person)
    return client


def url_of(exporter: Exporter[Any], round_: ReportingRound) -> str:
    return reverse(exporter.url_name, args=SUBJECTS[exporter.subject].args(round_))


def test_every_exporter_has_a_place_and_a_reader() -> None:
    for exporter in EXPORTERS.values():
        assert exporter.subject in SUBJECTS, exporter.key
        assert exporter.extension in OPENERS, exporter.key


@pytest.mark.parametrize("key", sorted(EXPORTERS))
def test_each_exporter_gives_a_file_that_opens_with_its_library(
    key: str, published_round: ReportingRound, request: pytest.FixtureRequest
) -> None:
    exporter = EXPORTERS[key]
    allowed = [r for r in ROLES if exporter.may_use(persona_of(request.getfixturevalue(r)))]
    client = client_of(request.getfixturevalue(allowed[0]))

    response = client.get(url_of(exporter, published_round))

    assert response.status_code == 200
    assert response["Content-Type"] == exporter.media_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.endswith(f'.{exporter.extension}"')
    assert OPENERS[exporter.extension](response.content) > 1


@pytest.mark.parametrize("key", sorted(EXPORTERS))
def test_each_exporter_is_offered_to_its_users_and_refused_to_the_others(
    key: str, published_round: ReportingRound, request: pytest.FixtureRequest
) -> None:
    exporter = EXPORTERS[key]
    place = SUBJECTS[exporter.subject]
    url = url_of(exporter, published_round)
    for role in ROLES:
        person = request.getfixturevalue(role)
        client = client_of(person)
        page = client.get(reverse(place.page, args=place.page_args(published_round)))

        response = client.get(url)

        offered = f'href="{url}"' in page.content.decode()
        if exporter.may_use(persona_of(person)):
            assert (page.status_code, offered, response.status_code) == (200, True, 200), role
        elif isinstance(person, User):
            assert (offered, response.status_code) == (False, 403), role
        else:
            assert not offered
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))

"""A plan is linked to the plans it implements by the number it cites and, where its document
dates the citation, by that citation's year and issuer (issue 16: a resolution is its
number, year and issuer; the Government numbers its resolutions anew each year)."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile

from tests.builders import NOW
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import Plan

pytestmark = pytest.mark.usefixtures("orgs")

TASK = {
    "code": "1",
    "group": None,
    "title": "Xây dựng cơ sở dữ liệu",
    "lead": ["Sở Khoa học và Công nghệ"],
    "cooperating": [],
    "expected_output": None,
    "due": {
        "text": "Năm 2025",
        "kind": "year",
        "start_year": 2025,
        "end_year": 2025,
        "date": None,
        "condition": None,
    },
}


def plan_json(number: str, issued_on: str, title: str, **document: Any) -> dict[str, Any]:
    return {
        "schema": 1,
        "document": {
            "number": number,
            "kind": "nghi_quyet",
            "title": title,
            "issuer": "Chính phủ",
            "province": None,
            "issued_on": issued_on,
            "signer": None,
            "implements": [],
            **document,
        },
        "groups": [],
        "tasks": [TASK],
        "indicators": [],
    }


@pytest.fixture
def publish() -> Callable[[str, dict[str, Any]], Plan]:
    def publish(name: str, data: dict[str, Any]) -> Plan:
        content = ContentFile(json.dumps(data, ensure_ascii=False).encode(), name=name)
        draft = stage_import(content, by=None, now=NOW)
        return publish_import(draft, by=None, now=NOW)

    return publish


@pytest.fixture
def resolution_50_of_2020(publish: Callable[[str, dict[str, Any]], Plan]) -> Plan:
    """The Government's 50/NQ-CP of 2020: the programme for 52-NQ/TW."""
    return publish(
        "nq-50-2020.json",
        plan_json("50/NQ-CP", "2020-04-17", "Chương trình hành động thực hiện 52-NQ/TW"),
    )


def citing(year: int | None, issuer: str | None) -> dict[str, Any]:
    return plan_json(
        "12/KH-UBND",
        "2025-06-02",
        "Kế hoạch thực hiện Nghị quyết số 50/NQ-CP",
        kind="ke_hoach",
        issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
        province="Quảng Ngãi",
        implements=["50/NQ-CP"],
        references=[{"number": "50/NQ-CP", "year": year, "issuer": issuer}],
    )


def test_a_plan_citing_a_2025_resolution_is_not_linked_to_the_2020_one_of_its_number(
    resolution_50_of_2020: Plan, publish: Callable[[str, dict[str, Any]], Plan]
) -> None:
    plan = publish("kh-12.json", citing(2025, "Chính phủ"))
    assert not plan.implements.exists()
    assert plan.implements_numbers == ["50/NQ-CP"]


def test_a_plan_citing_the_2020_resolution_is_linked_to_it_whichever_comes_first(
    publish: Callable[[str, dict[str, Any]], Plan],
) -> None:
    plan = publish("kh-12.json", citing(2020, "Chính phủ"))
    resolution = publish(
        "nq-50-2020.json",
        plan_json("50/NQ-CP", "2020-04-17", "Chương trình hành động thực hiện 52-NQ/TW"),
    )
    assert list(plan.implements.all()) == [resolution]


def test_a_plan_imported_first_is_not_linked_to_a_resolution_of_another_year(
    publish: Callable[[str, dict[str, Any]], Plan],
) -> None:
    plan = publish("kh-12.json", citing(2025, None))
    resolution = publish(
        "nq-50-2020.json",
        plan_json("50/NQ-CP", "2020-04-17", "Chương trình hành động thực hiện 52-NQ/TW"),
    )
    assert not resolution.implemented_by.exists()
    assert not plan.implements.exists()


def test_a_citation_of_another_issuer_is_another_document(
    resolution_50_of_2020: Plan, publish: Callable[[str, dict[str, Any]], Plan]
) -> None:
    plan = publish("kh-12.json", citing(2020, "Ủy ban nhân dân tỉnh Quảng Nam"))
    assert not plan.implements.exists()


def test_a_citation_with_no_year_nor_issuer_links_by_its_number(
    resolution_50_of_2020: Plan, publish: Callable[[str, dict[str, Any]], Plan]
) -> None:
    plan = publish("kh-12.json", citing(None, None))
    assert list(plan.implements.all()) == [resolution_50_of_2020]

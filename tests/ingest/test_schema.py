import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.fixtures import GOLD
from theodoi.ingest.plan import Due, Indicator, Plan, Target, Task
from theodoi.ingest.validate import plan_schema, validate_plan_json

GOLD_FILES = sorted(GOLD.glob("*.json"))


@pytest.fixture(scope="module")
def gold_004() -> dict[str, Any]:
    return json.loads((GOLD / "004_aea82470e0b2daef.json").read_text())


def test_the_schema_is_draft_2020_12() -> None:
    assert plan_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:5])
def test_every_gold_file_is_valid(path: Path) -> None:
    assert validate_plan_json(json.loads(path.read_text(encoding="utf-8"))) == []


def test_what_plan_to_dict_writes_is_valid_including_optional_parts() -> None:
    plan = Plan(
        tasks=[
            Task(
                code="PL2.123",
                group="VI",
                title="Xây dựng bộ tiêu chí để xác định Doanh nghiệp công nghệ số",
                due=Due(
                    text="Quý II/2025", kind="quarter", start_year=2025, end_year=2025, quarter=2
                ),
                doubts={"lead": "Không tìm thấy cột Cơ quan chủ trì."},
            ),
            Task(
                code="II.1",
                group=None,
                title="Tuyên truyền",
                due=Due(text="6/2025", kind="month", start_year=2025, end_year=2025, month=6),
            ),
        ],
        indicators=[
            Indicator(
                code="4",
                name="Xếp hạng năng lực cạnh tranh số",
                unit="Thứ bậc",
                target=Target(text="≤ 3 Đông Nam Á; ≤ 50 Thế giới", op="rank_top", value=3),
                year=2030,
                doubts={"year": "Năm lấy từ tiêu đề mục."},
            )
        ],
        notes="Ghi chú",
        warnings=["Bảng ở trang 3 thiếu cột Thời gian."],
    )
    assert validate_plan_json(plan.to_dict()) == []


def test_a_plan_read_back_from_gold_writes_the_same_valid_json(gold_004: dict[str, Any]) -> None:
    again = Plan.from_dict(gold_004).to_dict()
    assert validate_plan_json(again) == []
    assert [t["title"] for t in again["tasks"]] == [t["title"] for t in gold_004["tasks"]]
    assert [t["due"] for t in again["tasks"]] == [t["due"] for t in gold_004["tasks"]]


def at(data: dict[str, Any], path: str) -> Any:
    """The object at a dotted path (``tasks.0.due``) of a Plan JSON."""
    for part in path.split("."):
        data = data[int(part)] if part.isdigit() else data[part]
    return data


@pytest.mark.parametrize(
    ("path", "key", "value", "message"),
    [
        ("tasks.2", "lead", None, "tasks[2]: thiếu trường lead."),
        ("tasks.0.due", "kind", "sometime", 'tasks[0].due.kind: giá trị "sometime"'),
        ("tasks.0.due", "start_year", "2025", "tasks[0].due.start_year: phải là số nguyên"),
        ("document", "issued_on", "25/02/2025", 'document.issued_on: "25/02/2025" không phải'),
        ("indicators.3.target", "op", "≥", 'indicators[3].target.op: giá trị "≥"'),
        ("indicators.3.target", "value", "80", "indicators[3].target.value: phải là số"),
        ("tasks.1", "priority", 1, "tasks[1]: có trường không thuộc lược đồ: priority."),
        ("tasks.0", "title", "", "tasks[0].title: không được để trống."),
        ("tasks.0.due", "kind", "month", "tasks[0].due: thiếu trường month."),
        ("tasks.0", "lead", "Sở Y tế", "tasks[0].lead: phải là danh sách"),
        ("indicators.0", "year", 20300, "indicators[0].year: 20300 lớn hơn 2200."),
        ("", "schema", 2, "schema: giá trị 2 không hợp lệ"),
        ("", "tasks", {}, "tasks: phải là danh sách"),
    ],
)
def test_each_problem_is_named_by_its_place_in_vietnamese(
    gold_004: dict[str, Any], path: str, key: str, value: Any, message: str
) -> None:
    data = copy.deepcopy(gold_004)
    target = at(data, path) if path else data
    if value is None:
        del target[key]
    else:
        target[key] = value
    problems = validate_plan_json(data)
    assert len(problems) == 1, problems
    assert problems[0].startswith(message)


def test_something_that_is_not_an_object_is_refused() -> None:
    assert validate_plan_json([1, 2]) == ["(gốc): phải là đối tượng, nhưng đang là [1, 2]."]


def test_a_schedule_in_plan_json_is_optional_and_must_exist_every_year(
    gold_004: dict[str, Any],
) -> None:
    assert "schedule" not in gold_004
    assert validate_plan_json(gold_004) == []
    yearly = {"dates": [{"day": 1, "month": 6}], "every_months": None, "text": "trước ngày 01/6"}
    assert validate_plan_json({**gold_004, "schedule": yearly}) == []
    assert Plan.from_dict({**gold_004, "schedule": yearly}).to_dict()["schedule"] == yearly
    assert validate_plan_json({**gold_004, "schedule": None}) == []
    leap = {**yearly, "dates": [{"day": 29, "month": 2}]}
    assert validate_plan_json({**gold_004, "schedule": leap}) == [
        "schedule: Ngày 29/2 không có trong năm."
    ]

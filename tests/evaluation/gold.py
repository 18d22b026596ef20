"""Tasks and indicators of the shared gold extractions, as the rules' inputs."""

from __future__ import annotations

import datetime
from typing import Any

from tests.ingest.fields.gold import gold_plans
from theodoi.evaluation import Due, Target

TIEN_GIANG = "004_aea82470e0b2daef"  # Kế hoạch of Tiền Giang for 57-NQ/TW: appendix tasks, targets
NQ03 = "nq-03-nq-cp-2025"  # the Government's 03/NQ-CP: month and quarter times


def gold_task(document: str, code: str) -> dict[str, Any]:
    return next(t for t in gold_plans()[document]["tasks"] if t["code"] == code)


def gold_indicator(document: str, code: str) -> dict[str, Any]:
    return next(i for i in gold_plans()[document]["indicators"] if i["code"] == code)


def due_of(document: str, code: str, **later: Any) -> Due:
    """The task's Due as Plan JSON gives it, with fields the coordinator sets later."""
    due = gold_task(document, code)["due"]
    fields: dict[str, Any] = {
        "kind": due["kind"],
        "start_year": due["start_year"],
        "end_year": due["end_year"],
        "month": due.get("month"),
        "quarter": due.get("quarter"),
        "on": datetime.date.fromisoformat(due["date"]) if due["date"] else None,
        "condition": due["condition"],
    }
    return Due(**(fields | later))


def target_of(document: str, code: str) -> Target:
    indicator = gold_indicator(document, code)
    target = indicator["target"]
    return Target(
        op=target["op"],
        value=target["value"],
        year=indicator["year"],
        value_max=target["value_max"],
        text=target["text"],
    )

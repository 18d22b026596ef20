"""Whether an uploaded document is a plan theodoi already has, whatever file it came in.

The number of a plan, its province and its year say it first (``69/KH-UBND`` of Tiền Giang,
2025: offices number their documents anew each year). A plan
read without a number (its header in a Word table, a news article about it) is the same plan
when its province, kind and title are the same and no date of issue tells them apart; with
neither number nor title, when most of its tasks and indicators are the same words. The same
plan published twice would stand twice on the portal, its tasks counted twice.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from theodoi.ingest.textnorm import fold
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan
from theodoi.plans.plan_json import indicator_json, live_indicators, live_tasks, task_json

# A title read from another format may differ by a joined line or a footnote mark.
_TITLE_LIKENESS = 0.92
# The share of the smaller plan's tasks and indicators found word for word in the other.
_CONTENT_OVERLAP = 0.8


def number_key(number: str | None) -> str:
    """``69/KH-UBND`` and ``69 / KH - UBND``, in any case, are one number."""
    return "".join(fold(number or "").split())


def _content(entries: dict[str, list[dict[str, Any]]]) -> set[str]:
    return {fold(str(e.get("title") or "")) for e in entries.get("tasks") or []} | {
        fold(str(e.get("name") or "")) for e in entries.get("indicators") or []
    }


def _overlap(a: set[str], b: set[str]) -> float:
    a, b = a - {""}, b - {""}
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_plan(plan: Plan, plan_json: dict[str, Any]) -> bool:
    """Whether ``plan_json`` (of the same province) is ``plan`` again."""
    doc = plan_json.get("document") or {}
    number = number_key(doc.get("number"))
    issued = doc.get("issued_on")
    if number and plan.number:
        # Numbers start again each year: the same number of another year is another plan.
        other_year = bool(issued and plan.issued_on and issued[:4] != str(plan.issued_on.year))
        return number == number_key(plan.number) and not other_year
    if (doc.get("kind") or "khac") != plan.kind:
        return False
    if issued and plan.issued_on and issued != plan.issued_on.isoformat():
        return False
    title, known = fold(doc.get("title") or ""), fold(plan.title)
    if title and known:
        return SequenceMatcher(None, title, known).ratio() >= _TITLE_LIKENESS
    stored = {
        "tasks": [task_json(t) for t in live_tasks(plan)],
        "indicators": [indicator_json(i) for i in live_indicators(plan)],
    }
    return _overlap(_content(plan_json), _content(stored)) >= _CONTENT_OVERLAP


def find_same_plan(
    plan_json: dict[str, Any], province: Organisation | None, *, besides: Plan | None = None
) -> Plan | None:
    """The plan of ``province`` that ``plan_json`` is, other than ``besides``."""
    candidates = Plan.objects.filter(province=province).order_by("pk")
    if besides is not None:
        candidates = candidates.exclude(pk=besides.pk)
    return next((plan for plan in candidates if same_plan(plan, plan_json)), None)

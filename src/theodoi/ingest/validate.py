"""Checking Plan JSON against the schema shipped with the package (schema/plan.schema.json).

The messages are for the person who imports a plan file: Vietnamese, each naming where in the
file the problem is (``tasks[3].due.kind``) and what is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from theodoi.ingest.schedule import schedule_from_json

_TYPE_NAMES = {
    "string": "chuỗi chữ",
    "integer": "số nguyên",
    "number": "số",
    "null": "null",
    "array": "danh sách",
    "object": "đối tượng",
    "boolean": "true/false",
}


@cache
def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of Plan JSON version 1."""
    text = resources.files("theodoi.ingest").joinpath("schema/plan.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(plan_schema())


def _where(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


def _order(part: Any) -> tuple[int, int, str]:
    return (0, part, "") if isinstance(part, int) else (1, 0, str(part))


def _types(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " hoặc ".join(_TYPE_NAMES.get(name, name) for name in names)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: ValidationError) -> str:
    where = _where(error.absolute_path)
    kind = error.validator
    # Errors from iter_errors always carry the rule they broke and the value that broke it;
    # jsonschema types them "or unset" for errors made by hand.
    value: Any = error.validator_value
    instance: Any = error.instance
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        instance = instance if isinstance(instance, dict) else {}
        missing = [name for name in value if name not in instance]
        return f"{where}: thiếu trường {', '.join(missing)}."
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(set(instance) - known)
        return f"{where}: có trường không thuộc lược đồ: {', '.join(extra)}."
    if kind == "type":
        return f"{where}: phải là {_types(value)}, nhưng đang là {_shown(instance)}."
    if kind in ("enum", "const"):
        allowed = value if kind == "enum" else [value]
        choices = ", ".join(_shown(value) for value in allowed)
        return f"{where}: giá trị {_shown(instance)} không hợp lệ; chỉ nhận: {choices}."
    if kind == "pattern":
        return f"{where}: {_shown(instance)} không phải ngày dạng YYYY-MM-DD."
    if kind == "minimum":
        return f"{where}: {_shown(instance)} nhỏ hơn {value}."
    if kind == "maximum":
        return f"{where}: {_shown(instance)} lớn hơn {value}."
    if kind == "minLength":
        return f"{where}: không được để trống."
    return f"{where}: không hợp lệ ({error.message})."


def validate_plan_json(data: Any) -> list[str]:
    """Every problem of a Plan JSON document, in Vietnamese; an empty list when it is valid."""
    # A value can break both a field's own rule and a conditional one (``value`` must be a
    # number once ``op`` is set); the person needs one message per place and rule, the
    # conditional one being the more precise.
    chosen: dict[tuple[str, str], ValidationError] = {}
    for error in _validator().iter_errors(data):
        key = (_where(error.absolute_path), str(error.validator))
        kept = chosen.get(key)
        if kept is None or len(error.schema_path) > len(kept.schema_path):
            chosen[key] = error
    errors = sorted(chosen.values(), key=lambda e: [_order(part) for part in e.absolute_path])
    return [_message(error) for error in errors] or _schedule_problems(data)


def _schedule_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot say of a schedule: dates or months, one of the two, and dates
    that exist every year (31/2 does not)."""
    if not data.get("schedule"):
        return []
    try:
        schedule_from_json(data["schedule"])
    except ValueError as exc:
        return [f"schedule: {exc}"]
    return []

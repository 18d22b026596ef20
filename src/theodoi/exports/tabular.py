"""Open data written as CSV or JSON: ISO dates, dot decimals (data files are for machines,
DESIGN.md "Choices"). Which datasets there are and what they hold is the portal's
(``theodoi.portal.opendata``); this module only writes any of them.

CSV starts with a UTF-8 byte-order mark, without which Excel shows Vietnamese letters as
garbage, and marks text a spreadsheet would run as a formula (theodoi.files.formulas); JSON
carries every value exactly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from theodoi.files.formulas import csv_value
from theodoi.plans.models import Plan
from theodoi.snapshots.reading import Results

Row = dict[str, Any]


class Column(Protocol):
    @property
    def name(self) -> str: ...


class Table(Protocol):
    """A dataset as its writers need it: a name and the names of its columns, in order."""

    @property
    def name(self) -> str: ...

    @property
    def fields(self) -> Sequence[Column]: ...


@dataclass(frozen=True)
class OpenData:
    """One dataset of one published plan, as the public may read it."""

    dataset: Table
    plan: Plan
    results: Results | None
    rows: Iterator[Row]


def as_csv(data: OpenData) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [f.name for f in data.dataset.fields], lineterminator="\r\n")
    writer.writeheader()
    for row in data.rows:
        writer.writerow({k: "" if v is None else csv_value(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def as_json(data: OpenData) -> bytes:
    return json.dumps(
        {
            "dataset": data.dataset.name,
            "plan_id": data.plan.pk,
            "as_of": data.results.as_of.isoformat() if data.results else None,
            "fields": [f.name for f in data.dataset.fields],
            "rows": list(data.rows),
        },
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")

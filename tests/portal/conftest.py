"""Seed 004 published, reported on through the real services and evaluated into a snapshot."""

from __future__ import annotations

import pytest

from tests.snapshots.conftest import (  # noqa: F401  (fixtures shared with the snapshot tests)
    AS_OF,
    REVIEWED,
    report_task,
    report_value,
    round_,
)
from theodoi.plans.models import Plan
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot


@pytest.fixture
def evaluated(tien_giang_plan: Plan) -> PlanSnapshot:
    return rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)

"""The synthetic data set in the database: every generated row stored with its fields, marked
synthetic, and removed again without touching another plan."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import NOW
from theodoi.demo import synth
from theodoi.demo.synthload import load_synthetic, provinces, remove_synthetic, synthetic_plans
from theodoi.plans.models import Task
from theodoi.reporting.models import Evidence, IndicatorValue, ReportingRound, TaskUpdate

pytestmark = pytest.mark.usefixtures("orgs")


def test_every_generated_row_is_stored_with_its_fields_and_removed_again() -> None:
    plans = synth.generate(
        provinces(2),
        seed=57,
        today=datetime.date(2026, 11, 22),
        tasks_per_plan=8,
        indicators_per_plan=4,
        rounds=3,
    )
    loaded = load_synthetic(plans, now=NOW)

    assert (loaded.plans, loaded.tasks, loaded.indicators) == (2, 16, 8)
    assert loaded.updates == TaskUpdate.objects.count() == sum(len(p.updates) for p in plans)
    assert loaded.values == IndicatorValue.objects.count() == sum(len(p.values) for p in plans)
    assert Evidence.objects.count() == sum(u.evidence for p in plans for u in p.updates)
    assert ReportingRound.objects.count() == 6
    first = plans[0].tasks[0]
    stored = Task.objects.get(plan__number=plans[0].number, key=first.key)
    assert (stored.title, stored.due_kind, stored.confidential) == (
        first.title,
        first.due_kind,
        first.confidential,
    )
    assert sorted(a.organisation_id for a in stored.agencies.all()) == sorted(
        first.lead + first.cooperating
    )

    assert remove_synthetic(now=NOW) == 2
    assert synthetic_plans() == []
    assert not TaskUpdate.objects.exists()

"""A plan's scoring configuration as the rules take it: its saved settings, or DESIGN.md's
defaults when the coordinator has saved none."""

from __future__ import annotations

from theodoi.evaluation import ScoreConfig
from theodoi.evaluation.weights import NAMES, config_of, defaults
from theodoi.plans.models import Plan
from theodoi.snapshots.models import ScoringSettings


def scoring_values(plan: Plan) -> dict[str, float]:
    """The plan's settings by name (``evaluation.weights.SETTINGS``)."""
    saved = ScoringSettings.objects.filter(plan=plan).values(*NAMES).first()
    if saved is None:
        return defaults()
    return {name: float(saved[name]) for name in NAMES}


def scoring_config(plan: Plan) -> ScoreConfig:
    return config_of(scoring_values(plan))

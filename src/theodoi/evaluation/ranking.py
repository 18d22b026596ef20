"""Agencies ranked by score for emulation and reward (thi đua, khen thưởng).

Competition ranking: equal scores share a rank and the next rank skips (1, 2, 2, 4). Scores are
compared as shown, to one decimal, so two agencies a reader sees as equal are ranked equal;
within a tie they are listed in Vietnamese alphabetical order. Agencies with nothing to score
come last, unranked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from theodoi.evaluation.score import AgencyScore
from theodoi.evaluation.wording import vn_sort_key


@dataclass(frozen=True)
class RankedAgency:
    rank: int | None  # None: no score in the period
    tied: bool  # shares its rank with another agency
    score: AgencyScore


def rank_agencies(scores: Iterable[AgencyScore]) -> tuple[RankedAgency, ...]:
    """Rank the agencies' scores of one period, best first."""
    scores = tuple(scores)
    scored = sorted(
        (s for s in scores if s.score is not None),
        key=lambda s: (-(s.score or 0), vn_sort_key(s.agency)),
    )
    unscored = sorted((s for s in scores if s.score is None), key=lambda s: vn_sort_key(s.agency))
    counts = Counter(s.score for s in scored)
    ranked = []
    rank = 0
    for position, s in enumerate(scored, start=1):
        if position == 1 or s.score != scored[position - 2].score:
            rank = position
        ranked.append(RankedAgency(rank, counts[s.score] > 1, s))
    ranked.extend(RankedAgency(None, False, s) for s in unscored)
    return tuple(ranked)

"""Whether two versions of the code evaluate the same plans to the same bytes (issue 15).

    .venv/bin/python bench/digests.py --database-url URL --var DIR --against OTHER/src

On a kept database (``bench/snapshots.py --data``): for every synthetic plan and some days of
each (today, and about its latest rounds the day before its period began, its deadline's day
and the day before), the digest and the length of the text a rebuild would store (written
from the parts kept from the evaluations before, where the tree keeps them), computed once
with this tree's ``src`` and once with ``--against`` (another tree's ``src``,
``git archive main src | tar -x -C DIR`` for instance), each in a process of its own. It prints
how many evaluations agree and every one that does not; the exit status is 1 when one differs.
Nothing is written to the database.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: the repository's root, not bench/, on the path
    sys.path[0] = str(ROOT)

from bench.child import figures_of  # noqa: E402


def evaluations(rounds: int) -> dict[str, list[Any]]:
    """Inside a process whose path starts with one tree's src: plan and day -> (digest,
    length of the encoded results)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    django.setup()
    from django.utils import timezone

    from theodoi.demo import synthload
    from theodoi.snapshots import records
    from theodoi.snapshots.services import encoded

    def text_at(plan: Any, day: datetime.date) -> str:
        """The text a rebuild stores: written from the parts kept where the tree keeps them
        (its evaluations follow one another, as a worker's do), else the results encoded."""
        if hasattr(records, "evaluate_plan_text_at"):
            return str(records.evaluate_plan_text_at(plan, day)[1])
        return encoded(records.evaluate_plan_at(plan, day))

    today = timezone.localdate()
    found: dict[str, list[Any]] = {}
    for plan in synthload.synthetic_plans():
        days = {today}
        for round_ in plan.rounds.order_by("-deadline")[:rounds]:
            deadline = timezone.localdate(round_.deadline)
            day_before = datetime.timedelta(days=1)
            days |= {round_.period_start - day_before, deadline, deadline - day_before}
        for day in sorted(days):
            text = text_at(plan, day)
            digest = hashlib.sha256(text.encode()).hexdigest()
            found[f"{plan.pk} {day.isoformat()}"] = [digest, len(text)]
    return found


def run(src: Path, args: argparse.Namespace) -> dict[str, list[Any]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "DATABASE_URL": args.database_url,
        "THEODOI_VAR_DIR": str(args.var),
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    found: dict[str, list[Any]] = figures_of(
        [sys.executable, __file__, "--evaluate", f"--rounds={args.rounds}"],
        env,
        what=f"evaluating with {src}",
        timeout=3600,
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--var", type=Path, default=os.environ.get("THEODOI_VAR_DIR"))
    parser.add_argument("--against", type=Path, help="the other tree's src")
    parser.add_argument("--rounds", type=int, default=3, help="latest rounds whose days are read")
    parser.add_argument("--evaluate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.evaluate:
        print(json.dumps(evaluations(args.rounds)))
        return
    if not args.against or not args.database_url or not args.var:
        parser.error("--against, --database-url and --var are needed")
    mine, theirs = run(ROOT / "src", args), run(args.against.resolve(), args)
    differ = sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))
    print(f"{len(mine) - len(differ)} of {len(mine)} evaluations give the same bytes")
    for key in differ:
        print(f"  {key}: {mine.get(key)} here, {theirs.get(key)} there")
    sys.exit(1 if differ or not mine else 0)


if __name__ == "__main__":
    main()

"""The bench's figures as text: one line for every route, then each ratio against its bar."""

from __future__ import annotations

import os
import sys
from typing import Any

BARS = {
    "cached_floor": 3.0,  # a cached page's warm time ÷ the floor
    "cold_sql": 5.0,  # a cached page's cold render ÷ the raw SQL it needs
    "post": 5.0,  # the report POST ÷ a trivial POST
    "growth": 1.5,  # a page's p95 at the largest scale ÷ at the smallest
    "rebuild": 10.0,  # the full snapshot rebuild, likewise
    "memory_mb": 300.0,  # a worker's resident memory after the mixed requests
}


def verdict(value: float | None, bar: float) -> str:
    if value is None:
        return ""
    return "ok" if value <= bar else "OVER"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def cold_over_sql(page: dict[str, Any]) -> float | None:
    """The render ÷ its raw SQL: cold for a page with a cache, warm (the same) for the rest."""
    if page.get("sql_queries", 0) == 0:
        return None
    return ratio(page["cold_ms"] if page.get("cached") else page["warm_ms"], page["sql_ms"])


def number(value: float | None, width: int, digits: int = 1) -> str:
    return f"{value:>{width}.{digits}f}" if value is not None else f"{'-':>{width}}"


def print_pages(pages: list[dict[str, Any]]) -> None:
    print(
        f"{'route':<34}{'role':<16}{'st':>4}{'warm':>8}{'p95':>8}{'÷floor':>8}{'q':>5}"
        f"{'cache':>6}{'cold':>8}{'SQL':>7}{'÷SQL':>7}{'kB':>7}"
    )
    for page in pages:
        if "skipped" in page:
            print(f"{page['route']:<34}{page.get('method', ''):<16}  {page['skipped']}")
            continue
        line = f"{page['route']:<34}{page['role']:<16}{page['status']:>4}"
        if "warm_ms" not in page:
            print(f"{line}  {page.get('error', 'answered ' + str(page['status']))}")
            continue
        mark = "" if page["status"] == page["expected"] or page["expected"] == "away" else " ≠"
        print(
            f"{line}{number(page['warm_ms'], 8)}{number(page['warm_p95_ms'], 8)}"
            f"{number(ratio(page['warm_ms'], page['floor_ms']), 8)}{page['queries']:>5}"
            f"{'yes' if page['cached'] else '':>6}{number(page.get('cold_ms'), 8)}"
            f"{number(page['sql_ms'], 7, 2)}{number(cold_over_sql(page), 7)}"
            f"{number(page.get('kB'), 7, 0)}{mark}"
        )


def print_bars(results: dict[str, Any]) -> None:
    timed = [p for p in results["pages"] if "warm_ms" in p]
    cached = [p for p in timed if p["cached"]]
    floor = sorted(p["floor_ms"] for p in timed)
    if floor:
        print(
            f"\nfloor (leader's session, same middleware and database): median "
            f"{floor[len(floor) // 2]:.2f} ms over the walk"
        )
    for label, key, value_of in (
        ("cached page ÷ floor", "cached_floor", lambda p: ratio(p["warm_ms"], p["floor_ms"])),
        ("cached page cold ÷ raw SQL", "cold_sql", cold_over_sql),
    ):
        bar = BARS[key]
        figures = [(p["route"], value_of(p)) for p in cached]
        over = [f"{route} {value:.1f}" for route, value in figures if value and value > bar]
        worst = max((v for _r, v in figures if v), default=None)
        print(
            f"{label} (bar ≤ {bar:g}): {len(cached) - len(over)} of {len(cached)} pages within;"
            f" worst {number(worst, 0)}" + (f"; over: {', '.join(over)}" if over else "")
        )
    post = results["report_post"]
    post_ratio = ratio(post["post_ms"], post["floor_post_ms"])
    print(
        f"report POST (form + save, {post['queries']} queries, answered {post['statuses']}): "
        f"{post['post_ms']:.1f} ms, p95 {post['post_p95_ms']:.1f}; trivial POST (answered "
        f"{post['floor_statuses']}) {post['floor_post_ms']:.2f} ms; ÷ {number(post_ratio, 0)} "
        f"(bar ≤ {BARS['post']:g}: {verdict(post_ratio, BARS['post'])})"
    )
    print(
        f"  in processor time (this process's; the database server's is not counted): "
        f"{post['post_cpu_ms']:.1f} ms ÷ {post['floor_post_cpu_ms']:.2f} ms = "
        f"{number(ratio(post['post_cpu_ms'], post['floor_post_cpu_ms']), 0)}"
    )
    statuses = sorted({p["status"] for p in results["pages"] if "status" in p})
    skipped = sum("skipped" in p for p in results["pages"])
    print(
        f"{len(results['pages'])} patterns: {len(timed)} timed, {skipped} listed, statuses "
        f"{statuses}"
    )


def print_wrk(results: dict[str, Any]) -> None:
    print(f"\nunder load ({results['wrk']['setup']}): p50 / p95 ms, requests, errors")
    for label, runs in results["wrk"].items():
        if label == "setup":
            continue
        # A page slower than the run (its requests queued behind the warm-up's) has no figure.
        cells = "   ".join(
            f"{clients} client{'s' if clients != '1' else ''}: "
            + (
                f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f}, {r['requests']}, {r['errors']}"
                if r["requests"]
                else "no request done within the run"
            )
            for clients, r in runs.items()
        )
        print(f"  {label:<18}{cells}")
    sys.stdout.flush()


def print_memory(results: dict[str, Any]) -> None:
    m = results["memory"]
    bar = BARS["memory_mb"]
    print(
        f"\nmemory: one worker (max_requests off), {m['requests']} requests of {m['pages_in_mix']}"
        f" pages in {m['seconds']:.0f} s, statuses {m['statuses']}: VmRSS {m['before_mb']:.0f} MB"
        f" before, {m['highest_mb']:.0f} MB at most, {m['after_mb']:.0f} MB after (bar ≤ "
        f"{bar:g}: {verdict(m['highest_mb'], bar)}){'' if m['same_worker'] else '; RESTARTED'}"
    )
    if m["not_200"]:
        print(f"  not 200 under gunicorn: {m['not_200']}")
    sys.stdout.flush()


def print_explain(results: dict[str, Any]) -> None:
    print("\nEXPLAIN ANALYZE of each page's slowest query (seq scans of tables > 10,000 rows):")
    for page in results["pages"]:
        if "explain" not in page:
            continue
        found = page["explain"]
        large = found["seq_scans_large"]
        flag = f"  SEQ SCAN of {', '.join(large)}" if large else ""
        print(f"-- {page['route']}: {page['slowest_sql_ms']:.2f} ms{flag}")
        for line in found["plan"]:
            print(f"     {line}")


def print_walk(results: dict[str, Any]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n== {results['backend']}, scale {results['scale']}: {results['plans']} synthetic "
        f"plans loaded in {results['load_s']:.1f} s; every snapshot rebuilt in "
        f"{results['rebuild_s']:.2f} s"
        + (" (a kept data set, loaded before)" if results.get("reused") else "")
    )
    print(f"machine: {os.cpu_count()} cores, load average {load}; times in ms, medians unless p95")
    print_pages(results["pages"])
    print_bars(results)
    if results["vendor"] == "postgresql":
        print_explain(results)
    sys.stdout.flush()


def print_growth(runs: list[dict[str, Any]]) -> None:
    small, large = runs[0], runs[-1]
    times = large["scale"] / small["scale"]
    bar = BARS["growth"]
    before = {p["route"]: p for p in small["pages"] if "warm_p95_ms" in p}
    samples = sorted({r.get("samples", 0) for r in (small, large)})
    print(
        f"\n== growth on {small['backend']}: scale {large['scale']} ÷ scale {small['scale']}; "
        f"p95 of {' and '.join(map(str, samples))} warm requests a page"
        f"{' (of 11 or fewer, the slowest)' if min(samples) <= 11 else ''}, "
        f"beside the medians' ratio and the CPU time's (this process's, not the database's)"
    )
    heads = [f"p95 {r['scale']}×" for r in (small, large)]
    print(f"  {'route':<40}{heads[0]:>10}{heads[1]:>10}{'÷ p95':>8}{'÷ med':>8}{'÷ CPU':>8}")
    over = 0
    for page in large["pages"]:
        if page["route"] not in before or "warm_p95_ms" not in page:
            continue
        was = before[page["route"]]
        grown = ratio(page["warm_p95_ms"], was["warm_p95_ms"])
        over += bool(grown and grown > bar)
        print(
            f"  {page['route']:<40}{number(was['warm_p95_ms'], 10)}"
            f"{number(page['warm_p95_ms'], 10)}{number(grown, 8, 2)}"
            f"{number(ratio(page['warm_ms'], was['warm_ms']), 8, 2)}"
            f"{number(ratio(page.get('cpu_p95_ms'), was.get('cpu_p95_ms')), 8, 2)}"
            f"  {verdict(grown, bar)}"
        )
    print(f"pages over the bar (≤ {bar:g}): {over}")
    rebuilt = ratio(large["rebuild_s"], small["rebuild_s"])
    print(
        f"snapshot rebuild: {small['rebuild_s']:.2f} s → {large['rebuild_s']:.2f} s, ÷ "
        f"{number(rebuilt, 0)} for {times:g}× the data (bar ≤ {BARS['rebuild']:g}: "
        f"{verdict(rebuilt, BARS['rebuild'])})"
    )

"""Benchmark of ``theodoi extract``: documents per second, MB per second and peak memory over
the seeds and the reference documents, on one core.

    .venv/bin/python bench/extract.py [FILE...] [--repeat N]

Issue 2's target: the whole set in under 1 s, peak memory under 200 MB. The first pass warms
the imports and caches and is not timed; each timed pass reads and extracts every file.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from theodoi.ingest.pipeline import extract_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
TARGET_SECONDS = 1.0
TARGET_PEAK_MB = 200.0


def default_files() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "reference").glob("*.txt"))


def one_pass(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        extract_file(path)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (default 5)")
    options = parser.parse_args(argv)
    files = options.files or default_files()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    megabytes = sum(path.stat().st_size for path in files) / 1024 / 1024

    one_pass(files)  # warm-up
    times = [one_pass(files) for _ in range(options.repeat)]
    tracemalloc.start()
    one_pass(files)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in KiB on Linux: the whole process, interpreter and libraries included.
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    best, median = min(times), statistics.median(times)
    print(f"files: {len(files)} ({megabytes:.2f} MB), passes: {options.repeat}, one core")
    print(f"whole set: best {best:.3f} s, median {median:.3f} s (target < {TARGET_SECONDS} s)")
    print(f"documents/s: {len(files) / median:.1f}   MB/s: {megabytes / median:.2f}")
    print(f"peak Python allocations (tracemalloc): {traced_peak / 1024 / 1024:.1f} MB")
    print(f"peak resident memory (ru_maxrss): {rss_mb:.1f} MB (target < {TARGET_PEAK_MB} MB)")
    met = median < TARGET_SECONDS and rss_mb < TARGET_PEAK_MB
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

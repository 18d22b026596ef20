"""Benchmark of ``theodoi extract``: documents per second, MB per second and peak memory over
the seeds and the reference documents, on one core, from text and from the same documents as
Word files and as the PDFs LibreOffice prints from them; with the score of each format
against the gold files (shared/extraction/score.py).

    .venv/bin/python bench/extract.py [FILE...] [--repeat N] [--cases] [--formats txt,docx,pdf]
    .venv/bin/python bench/extract.py ../shared/seeds/*.txt --formats docx,doc --repeat 3

Issue 2's target: the whole set in under 1 s from text, peak memory under 200 MB. The first
pass of each format warms the imports and caches and is not timed; each timed pass reads and
extracts every file. The Word and PDF files are typed from the text as the tests type them
(tests/ingest/builders.py) and kept between runs in a folder of the system's temporary
directory; ``--cases`` adds the unseen-layout cases of tests/ingest/cases.

``--formats realdocx`` (not run by default) reads the Word files as an office saves them
after a few rounds of editing (tests/ingest/realword.py: Word's own numbering, runs cut
inside words, changes tracked), to compare their score with the text's.

The older formats (``--formats doc,rtf,odt``, not run by default) are the Word files saved by
LibreOffice as an office keeps them; reading one converts it back with LibreOffice
(ingest/readers/office.py), so each pass times that too. For every format but text, the peak
memory of reading one file is measured in a fresh process: its own resident set and that of
its largest child (LibreOffice, for the older formats).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from theodoi.ingest.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = ROOT / "tests" / "ingest" / "cases"
TARGET_SECONDS = 1.0
TARGET_PEAK_MB = 200.0
FORMATS = ("txt", "docx", "pdf")
OLDER = ("doc", "rtf", "odt")  # converted by LibreOffice when read
# The Word files as an office saves them (numbered by Word, runs cut, changes tracked:
# tests/ingest/realword.py), not run by default.
REAL = ("realdocx",)
_ONE_FILE = (
    "import json, resource, sys\n"
    "from theodoi.ingest.pipeline import extract_file\n"
    "extract_file(sys.argv[1])\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([own, child]))\n"
)


def default_files(*, cases: bool) -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "reference").glob("*.txt"))
    return files + (sorted(CASES.glob("*.txt")) if cases else [])


def gold_of(text: Path) -> Path | None:
    """The expected Plan JSON of a text: beside it (a case) or among the shared gold files."""
    for gold in (text.with_suffix(".json"), SHARED / "extraction" / "gold" / f"{text.stem}.json"):
        if gold.exists():
            return gold
    return None


def built(files: list[Path], fmt: str) -> list[Path]:
    """The files typed as ``fmt`` by the tests' builder (the repository root on the path)."""
    if fmt == "txt":
        return files
    from tests.ingest.builders import BuiltDocuments

    folder = Path(tempfile.gettempdir()) / "theodoi-bench-extract"
    return BuiltDocuments(folder).many(files, fmt)  # type: ignore[arg-type]


def one_pass(files: list[Path]) -> tuple[float, list[dict[str, Any]]]:
    started = time.perf_counter()
    plans = [extract_file(path).to_dict() for path in files]
    return time.perf_counter() - started, plans


@dataclass
class Figures:
    fmt: str
    documents: int
    megabytes: float
    best: float
    median: float
    score: float | None
    scored: int


def measure(fmt: str, texts: list[Path], files: list[Path], repeat: int) -> Figures:
    one_pass(files)  # warm-up
    passes = [one_pass(files) for _ in range(repeat)]
    times = [seconds for seconds, _ in passes]
    from tests.ingest.fixtures import load_scorer

    score = load_scorer()
    results = [
        score.score(json.loads(gold.read_text(encoding="utf-8")), plan)["overall"]
        for text, plan in zip(texts, passes[-1][1], strict=True)
        if (gold := gold_of(text)) is not None
    ]
    return Figures(
        fmt,
        len(files),
        sum(path.stat().st_size for path in files) / 1024 / 1024,
        min(times),
        statistics.median(times),
        statistics.mean(results) if results else None,
        len(results),
    )


def text_memory(texts: list[Path]) -> tuple[float, float]:
    """Peak Python allocations of one pass and the process's peak resident set, in MB."""
    tracemalloc.start()
    one_pass(texts)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in KiB on Linux: the whole process, interpreter and libraries included.
    return traced_peak / 1024 / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def file_memory(files: list[Path]) -> tuple[float, float]:
    """The peak resident memory of reading one file in a process of its own, the largest over
    ``files``: the process's own and its largest child's (LibreOffice's), in MB."""
    from bench.child import figures_of

    peaks = [
        figures_of(
            [sys.executable, "-c", _ONE_FILE, str(path)],
            dict(os.environ),
            what=f"reading {path.name}",
            timeout=300,
        )
        for path in files
    ]
    return max(own for own, _ in peaks), max(child for _, child in peaks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--cases", action="store_true", help="add tests/ingest/cases")
    parser.add_argument("--formats", default=",".join(FORMATS), help="default txt,docx,pdf")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))  # the tests' builders and scorer
    texts = options.files or default_files(cases=options.cases)
    formats = [f for f in options.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS) - set(OLDER) - set(REAL)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    # Typed before timing, so LibreOffice never runs on the timed core.
    inputs = {fmt: built(texts, fmt) for fmt in formats}
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    figures: list[Figures] = []
    memory: tuple[float, float] | None = None
    per_file: dict[str, tuple[float, float]] = {}
    for fmt in formats:
        figures.append(measure(fmt, texts, inputs[fmt], options.repeat))
        if fmt == "txt":
            memory = text_memory(texts)  # before PDF reading grows the process
        else:
            per_file[fmt] = file_memory(inputs[fmt])
    print(f"passes: {options.repeat} per format, one core")
    print("format    documents       MB   best s  median s  documents/s  score (scored)")
    for f in figures:
        score = "   -   " if f.score is None else f"{f.score:.3f} ({f.scored})"
        print(
            f"{f.fmt:8s}  {f.documents:9d}  {f.megabytes:7.2f}  {f.best:7.3f}  {f.median:8.3f}"
            f"  {f.documents / f.median:11.1f}  {score}"
        )
    for fmt, (own, child) in per_file.items():
        print(
            f"peak resident memory reading one {fmt} file in its own process: {own:.1f} MB"
            + (f", LibreOffice {child:.1f} MB" if fmt in OLDER else "")
        )
    text = next((f for f in figures if f.fmt == "txt"), None)
    if text is not None and memory is not None:
        traced, rss_mb = memory
        print(f"peak Python allocations over the text (tracemalloc): {traced:.1f} MB")
        print(
            f"peak resident memory after the text (ru_maxrss): {rss_mb:.1f} MB "
            f"(target < {TARGET_PEAK_MB} MB)"
        )
        print(f"whole set from text: median {text.median:.3f} s (target < {TARGET_SECONDS} s)")
    rss_mb = memory[1] if memory else 0.0
    met = (text is None or text.median < TARGET_SECONDS) and rss_mb < TARGET_PEAK_MB
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

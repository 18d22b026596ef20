"""Time of the import preview's "tasks from paragraphs" page for a draft staged from a .doc.

    PYTHONPATH=src .venv/bin/python bench/import_paragraphs.py [--repeat 5] [--seed PATH]

A fresh SQLite database in a temporary THEODOI_VAR_DIR (migrated, the organisations loaded),
the seed typed as a .docx and saved by LibreOffice as a Word 97-2003 file, uploaded through
the import page as the coordinator; then the paragraphs page is requested ``--repeat`` times
through Django's test client. Printed: the staging time, each page's time and their median.
Run it with another tree's ``src`` on PYTHONPATH to compare (only the upload and the page are
used, which every version has).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: the repository's root, not bench/, on the path
    sys.path[0] = str(ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="theodoi-bench-paragraphs-") as folder:
        os.environ["THEODOI_VAR_DIR"] = str(Path(folder) / "var")
        os.environ["DJANGO_SETTINGS_MODULE"] = "theodoi.settings"
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("LOG_LEVEL", "ERROR")
        run(Path(folder), options.repeat, options.seed)


def run(folder: Path, repeat: int, seed: Path | None) -> None:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from tests.builders import NOW, SEEDS, make_persona, org
    from tests.ingest.builders import build_docx, convert_all

    from theodoi.orgs.loading import load_organisations
    from theodoi.orgs.models import Role
    from theodoi.plans.models import ImportDraft

    setup_test_environment()
    call_command("migrate", verbosity=0)
    load_organisations(by=None, now=NOW)
    coordinator = make_persona("daumoi", Role.COORDINATOR, org("dong-thap--so-khoa-hoc-cong-nghe"))
    source = seed or SEEDS / "004_aea82470e0b2daef.txt"
    [doc] = convert_all([build_docx(source, folder / "ke-hoach.docx")], folder / "doc", "doc")
    client = Client()
    client.force_login(coordinator)
    started = time.perf_counter()
    document = SimpleUploadedFile("ke-hoach.doc", doc.read_bytes())
    response = client.post(reverse("workspace:import_upload"), {"document": document})
    staging = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ImportDraft.objects.get()
    kept = bool(getattr(draft, "converted_file", None))
    url = reverse("workspace:import_paragraphs", args=[draft.pk])
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        page = client.get(url)
        times.append(time.perf_counter() - started)
        assert page.status_code == 200, page.status_code
    print(f"source: {sys.modules['theodoi'].__file__}")
    print(f"draft keeps a converted .docx: {kept}")
    print(f"staging the .doc: {staging:.2f} s")
    print("paragraphs page: " + ", ".join(f"{t:.3f}" for t in times) + " s")
    print(f"median: {statistics.median(times):.3f} s over {repeat}")


if __name__ == "__main__":
    main()

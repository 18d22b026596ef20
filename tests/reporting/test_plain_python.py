"""The reporting rules (schedule, figure checks, workbook) are plain Python, usable without
Django from the command line and from jobs."""

import subprocess
import sys


def test_the_reporting_rules_load_no_django() -> None:
    code = (
        "import sys, theodoi.reporting.schedule, theodoi.reporting.checks, "
        "theodoi.reporting.workbook.reading, theodoi.reporting.workbook.writing, "
        "theodoi.files.uploads; "
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

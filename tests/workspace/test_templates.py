"""Templates as text: rules no page test would meet until the database has grown."""

import re
from pathlib import Path

import theodoi

TEMPLATES = sorted(Path(theodoi.__file__).parent.rglob("templates/**/*.html"))
# ``{{ task.pk }}`` with USE_THOUSAND_SEPARATOR and Vietnamese formats prints 1.234 once a
# table passes a thousand rows: a form then posts an identifier that does not exist.
BARE_IDENTIFIER = re.compile(r"\{\{\s*[\w.]+\.(?:pk|id|index)\s*\}\}")


def test_identifiers_in_templates_are_never_written_with_thousand_separators() -> None:
    assert TEMPLATES
    offenders = [
        f"{path.name}: {match.group(0)}"
        for path in TEMPLATES
        for match in BARE_IDENTIFIER.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []

"""The rules stay plain Python: pages, jobs and the command line all call them the same way."""

import ast
import subprocess
import sys
from pathlib import Path

import theodoi.evaluation

PACKAGE = Path(theodoi.evaluation.__file__).parent


def test_no_module_of_the_evaluation_package_imports_django() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_importing_the_rules_loads_no_django_even_indirectly() -> None:
    code = (
        "import sys, theodoi.evaluation; "
        "print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

"""The ``theodoi`` command.

``theodoi extract ...`` reads plan documents without touching Django; every other
sub-command is a Django management command (``theodoi migrate``, ``theodoi runserver``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "extract":
        from theodoi.ingest.cli import main as extract_main

        return extract_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    from django.core.management import execute_from_command_line

    from theodoi.startup import configured_or_exit

    configured_or_exit(2)

    execute_from_command_line(["theodoi", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())

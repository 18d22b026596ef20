"""A reported round of seed 004, as in the snapshot tests."""

from tests.snapshots.conftest import (  # noqa: F401  (fixtures shared with the snapshot tests)
    report_task,
    report_value,
    round_,
)

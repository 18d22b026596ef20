"""The reported round of the export tests, whose downloads these pages offer."""

from tests.exports.conftest import reported_round  # noqa: F401  (fixture shared with the export tests)

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the service tests)
    cooperating_task,
    foreign_task,
    lead_task,
    percent_indicator,
    reporter_org,
    round_,
)

"""The job that catches up on the notices of changes (a round extended, an extension asked
for or decided) plans the same notices as the handlers, each stored once however often it
runs, and only for the people concerned."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from tests.builders import DEADLINE, DURING, lead_tasks
from theodoi.notify import changes, jobs
from theodoi.notify.models import Notice
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.extensions import decide_extension, request_extension
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.round_changes import extend_round

SOON = DURING + datetime.timedelta(minutes=10)


def test_the_job_tells_each_change_once_to_those_concerned(
    round_: ReportingRound,
    coordinator: User,
    other_coordinator: User,
    reporter: User,
    other_reporter: User,
) -> None:
    task = next(t for t in lead_tasks(round_.plan, reporter) if deadline_of(t).on is not None)
    on = deadline_of(task).on
    assert on is not None
    extension = request_extension(
        task,
        by=reporter,
        proposed_on=on + datetime.timedelta(days=30),
        reason="Chờ hướng dẫn của Bộ.",
        now=DURING,
    )
    extend_round(round_, deadline=DEADLINE + datetime.timedelta(days=7), by=coordinator, now=DURING)

    planned = changes.change_notices(SOON, within=jobs.RETURNED_WITHIN)
    by_key = {p.key.rsplit(":", 1)[0]: set() for p in planned}
    for p in planned:
        by_key[p.key.rsplit(":", 1)[0]].add(p.recipient)
    assert by_key[f"extension:requested:{extension.pk}"] == {coordinator}
    assert other_coordinator not in by_key[f"extension:requested:{extension.pk}"]
    extended = next(k for k in by_key if k.startswith("round:extended:"))
    assert by_key[extended] == {reporter, other_reporter}

    jobs.notify_changes.call_local(now=SOON.isoformat())
    stored = Notice.objects.count()
    jobs.notify_changes.call_local(now=(SOON + datetime.timedelta(minutes=10)).isoformat())
    assert Notice.objects.count() == stored

    decide_extension(extension, by=coordinator, grant=False, comment="Không có căn cứ.", now=SOON)
    jobs.notify_changes.call_local(now=(SOON + datetime.timedelta(minutes=20)).isoformat())
    decided = Notice.objects.get(key=f"extension:decided:{extension.pk}:{reporter.pk}")
    assert decided.subject == f"Không chấp thuận gia hạn nhiệm vụ {task.code}"
    assert not Notice.objects.filter(
        key__startswith=f"extension:decided:{extension.pk}:", recipient=other_reporter
    ).exists()

"""The people page's cache key, read in two statements (STYLE.md rule 17: it names what the
page shows). The page counts, for the reader's scope, who answers for which task; its key
names what decides that:

- the reader's scope and role (``reader_key``), the day, and the plans the reader may see
  with their version and amendment (a task's words and its lead agencies change only with
  these), their tasks hidden from the reader (confidential or archived: the partial index
  ``task_hidden_from_public``) and the digest of each one's latest evaluation;
- each assignment that names somebody, with the officer and the leader it names;
- every leader's membership (a leader of a body heads the tasks it leads), with its body;
- the name, user name and active flag of everybody named or heading a body;
- the successions recorded (which body carries which one's work), as a count and sums.

So naming or removing somebody, a renamed or deactivated person, a role granted or taken
back, a rebuilt evaluation or a task made confidential is a new key at once."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.plans.models import PlanStatus, Task, TaskAgency
from theodoi.reporting.access import persona, reader_key
from theodoi.snapshots.models import PlanSnapshot
from theodoi.users import AnyUser, User
from theodoi.workspace.dashboard.keys import visible_plan_rows


def _people_sql(plans: int) -> str:
    """Kinds: 0 each plan's latest digest up to a day, 1 the plans' hidden tasks, 2 the
    assignments naming somebody, 3 the leaders' memberships, 4 the people named or heading,
    5 the successions, summed (they are the organisation data's, thousands since the 2025
    mergers, and change only when it is loaded). Plain SQL that SQLite and PostgreSQL read alike."""
    snapshots, tasks = PlanSnapshot._meta.db_table, Task._meta.db_table
    assignments, members = TaskAgency._meta.db_table, Membership._meta.db_table
    users, bodies = User._meta.db_table, Organisation._meta.db_table
    ids = ", ".join(["%s"] * plans)
    return (
        # Named once each: the assignments naming somebody, and the leaders' memberships.
        f"WITH named AS (SELECT a.id, a.officer_id, a.leader_id FROM {assignments} a"
        f"  JOIN {tasks} t ON t.id = a.task_id WHERE t.plan_id IN ({ids})"
        f"  AND (a.officer_id IS NOT NULL OR a.leader_id IS NOT NULL)),"
        f" heads AS (SELECT m.id, m.user_id, m.organisation_id FROM {members} m"
        f"  WHERE m.role = %s)"
        # Typed in the first rows: PostgreSQL reads a NULL column of two rows as text.
        f" SELECT 0, s.plan_id, CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), s.digest"
        f" FROM {snapshots} s"
        f" WHERE s.plan_id IN ({ids}) AND s.as_of = (SELECT MAX(l.as_of) FROM {snapshots} l"
        f"  WHERE l.plan_id = s.plan_id AND l.as_of <= %s)"
        f" UNION ALL SELECT 1, t.id, NULL, NULL, NULL FROM {tasks} t"
        f" WHERE t.plan_id IN ({ids}) AND (t.confidential OR t.archived_at IS NOT NULL)"
        f" UNION ALL SELECT 2, id, officer_id, leader_id, NULL FROM named"
        f" UNION ALL SELECT 3, id, user_id, organisation_id, NULL FROM heads"
        f" UNION ALL SELECT 4, u.id, CASE WHEN u.is_active THEN 1 ELSE 0 END, NULL,"
        f" u.first_name || '|' || u.last_name || '|' || u.username FROM {users} u"
        f" WHERE u.id IN (SELECT user_id FROM heads UNION SELECT officer_id FROM named"
        f"  UNION SELECT leader_id FROM named)"
        f" UNION ALL SELECT 5, COUNT(*), SUM(b.successor_id), SUM(b.id),"
        f" MAX(CAST(b.succeeded_on AS TEXT)) FROM {bodies} b WHERE b.successor_id IS NOT NULL"
        f" ORDER BY 1, 2"
    )


def people_key(who: AnyUser, *, today: datetime.date) -> tuple[object, ...] | None:
    """The key of the people page ``who`` reads today; None when it is not to be kept."""
    reader = reader_key(who)
    if reader is None:
        return None
    plans = [row for row in visible_plan_rows(who, reader) if row[3] == PlanStatus.PUBLISHED]
    rows: list[tuple[Any, ...]] = []
    if plans:
        ids = [row[0] for row in plans]
        with connection.cursor() as cursor:
            cursor.execute(
                _people_sql(len(ids)),
                [*ids, Role.LEADER.value, *ids, today, *ids],
            )
            rows = list(cursor.fetchall())
    return ("people", reader, persona(who).role, tuple(plans), tuple(rows), today)

"""Read positions written at the same moment by many flushes (tabs, devices, cron
and the worker) keep the furthest one: an upsert with GREATEST on PostgreSQL.

Needs PostgreSQL: real threads, each with its own connection and transaction.
"""

import pytest
from django.db import connection
from django.utils import timezone

from forum.models import ThreadRead
from forum.services.reading import save_read_positions
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import make_thread
from tests.forum.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent upserts need PostgreSQL (SQLite serializes writes).",
    ),
]

WORKERS = 12


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


def test_concurrent_flushes_keep_the_furthest_position():
    reader = make_user("member")
    threads = [make_thread() for _ in range(3)]
    now = timezone.now().timestamp()

    def flush(n):
        # Each flush holds a different position for every thread, in any order.
        return lambda: save_read_positions(
            reader.pk,
            {thread.pk: (1000 + n, now + n) for thread in reversed(threads)},
        )

    errors = run_together([flush(n) for n in range(WORKERS)])
    assert errors == []
    rows = ThreadRead.objects.filter(user=reader)
    assert rows.count() == len(threads)
    assert {row.last_read_post_id for row in rows} == {1000 + WORKERS - 1}
    assert {row.last_read_at.timestamp() for row in rows} == {now + WORKERS - 1}

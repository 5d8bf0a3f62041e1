"""Two hosts start the same scheduled command at once: one does the work, the
other finds the lock taken and does nothing. No email is sent twice, no article
published twice. Run on PostgreSQL (advisory locks) as well as SQLite:
DATABASE_URL=postgres://… pytest tests/site/test_schedule_lock.py
"""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from articles.models import Article
from core.models import AuditEntry
from core.schedule_lock import lock_key, single_run
from forum.models import Notification
from tests.articles.factories import make_article
from tests.factories import restore_migration_data
from tests.forum.factories import make_post, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _migration_data(transactional_db):
    restore_migration_data()  # roles and disclaimers, flushed between tests


def due_article() -> Article:
    """A scheduled article whose time came a minute ago."""
    article = make_article(status="scheduled")
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1)
    )
    return article


def two_hosts_at_once(command: str, slow_target: str, monkeypatch) -> list[str]:
    """Run `command` in two threads (two hosts); the work inside takes a second,
    so the two runs overlap. Their outputs, in the order they started."""
    module_name, attribute = slow_target.rsplit(".", 1)
    module = __import__(module_name, fromlist=[attribute])
    real = getattr(module, attribute)

    def slow(*args, **kwargs):
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, attribute, slow)
    outputs = [StringIO(), StringIO()]
    errors = []

    def host(out):
        try:
            call_command(command, stdout=out)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=host, args=(out,)) for out in outputs]
    for thread in threads:
        thread.start()
        time.sleep(0.2)
    for thread in threads:
        thread.join(30)
    assert errors == []
    return [out.getvalue() for out in outputs]


def test_two_hosts_publishing_at_once_publish_the_article_once(monkeypatch):
    article = due_article()
    outputs = two_hosts_at_once(
        "publish_scheduled",
        "articles.management.commands.publish_scheduled.publish_scheduled",
        monkeypatch,
    )
    assert "1 article(s) went live" in outputs[0]
    assert "another run holds the lock; nothing done" in outputs[1]
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="article.go_live").count() == 1


def test_two_hosts_sweeping_emails_at_once_send_each_email_once(monkeypatch, settings):
    # The worker never ran the post's task: its email waits for the sweep.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FORUM_EMAIL_CLAIM_SECONDS = 0
    thread = make_thread()
    make_post(thread)
    assert Notification.objects.filter(email="queued").count() == 1
    mail.outbox = []
    outputs = two_hosts_at_once(
        "send_pending_emails",
        "forum.management.commands.send_pending_emails.send_pending_emails",
        monkeypatch,
    )
    assert "Sent 1 notification email(s)." in outputs[0]
    assert "another run holds the lock; nothing done" in outputs[1]
    assert [m.to for m in mail.outbox] == [[thread.author.email]]
    assert Notification.objects.get().email == "sent"


def test_the_lock_is_free_again_after_a_run():
    with single_run("publish_scheduled") as first:
        assert first
    with single_run("publish_scheduled") as again:
        assert again


def test_a_held_lock_makes_the_command_do_nothing():
    """Another host is mid-run: this one answers at once without working."""
    due_article()
    holder = threading.Event()
    release = threading.Event()

    def other_host():
        with single_run("publish_scheduled") as mine:
            assert mine
            holder.set()
            release.wait(10)
        connections.close_all()

    other = threading.Thread(target=other_host)
    other.start()
    try:
        assert holder.wait(10)
        out = StringIO()
        call_command("publish_scheduled", stdout=out)
        assert "nothing done" in out.getvalue()
        assert Article.objects.filter(status="scheduled").count() == 1
    finally:
        release.set()
        other.join(10)
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "1 article(s) went live" in out.getvalue()


def test_lock_keys_are_stable_signed_64_bit_numbers():
    assert lock_key("send_pending_emails") == lock_key("send_pending_emails")
    assert lock_key("send_pending_emails") != lock_key("publish_scheduled")
    assert -(2**63) <= lock_key("x") < 2**63
    assert connection.vendor in ("postgresql", "sqlite")

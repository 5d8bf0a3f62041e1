"""The replica router and read-only mode, without a replica: which database each
query is sent to, and what a member sees while the primary is away. The real
streaming replica is exercised by `make drill-cluster` (scripts/drill_cluster.py)."""

from http import HTTPStatus

import pytest
from django.db import transaction
from django.urls import reverse

from core import replicas
from forum.models import Post
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_health():
    replicas.forget_health()
    yield
    replicas.forget_health()


@pytest.fixture
def thread(db):
    author = make_user("member")
    accept_terms(author)
    return make_thread(author=author, title="Cold hands")


@pytest.mark.django_db(transaction=True)  # outside the test's own transaction
def test_reads_follow_the_route_and_writes_always_go_to_the_primary():
    router = replicas.ReplicaRouter()
    token = replicas.set_route(replicas.REPLICA)
    try:
        assert router.db_for_read(Post) == "replica"
        assert router.db_for_write(Post) == "default"
        with (
            transaction.atomic()
        ):  # a transaction (and select_for_update) reads the primary
            assert router.db_for_read(Post) == "default"
    finally:
        replicas.reset_route(token)
    assert router.db_for_read(Post) == "default"  # outside a request: the primary
    token = replicas.set_route(replicas.READ_ONLY)
    try:
        assert router.db_for_read(Post) == "replica"
    finally:
        replicas.reset_route(token)
    assert router.allow_migrate("replica", "forum") is False


@pytest.fixture
def primary_away(monkeypatch):
    """A replica is configured and answers; the primary has just gone away."""
    monkeypatch.setattr(replicas, "replica_configured", lambda: True)
    monkeypatch.setattr(replicas, "replica_usable", lambda: True)
    # The primary is in fact up and holds the test's transaction: marking it down
    # must not close that connection (on PostgreSQL it would end the transaction).
    monkeypatch.setattr(replicas, "_close", lambda alias: None)
    replicas.mark_primary_down()


def test_a_reply_while_read_only_is_refused_calmly_with_the_text_kept(
    client, primary_away, thread
):
    member = make_user("member", post_count=20)
    accept_terms(member)
    client.force_login(member)
    text = "My hands were worse this morning, does anyone else find the cold hard?"
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": text}
    )
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    page = response.content.decode()
    assert "read-only for a few minutes" in page
    assert text in page  # given back, in a form to send again
    assert response["Retry-After"]
    assert not Post.objects.filter(body=text).exists()


def test_pages_say_the_site_is_read_only(client, primary_away, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "read-only for a few minutes" in response.content.decode()
    replicas.forget_health()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "read-only for a few minutes" not in page


def test_a_members_write_pins_their_next_reads_to_the_primary(
    client, monkeypatch, thread
):
    monkeypatch.setattr(replicas, "replica_configured", lambda: True)
    monkeypatch.setattr(replicas, "replica_usable", lambda: True)
    member = make_user("member", post_count=20)
    accept_terms(member)
    client.force_login(member)
    seen = []
    original = replicas.set_route

    def spy(name):
        seen.append(name)
        return original(name)

    monkeypatch.setattr(replicas, "set_route", spy)
    client.get(thread.get_absolute_url())
    assert seen[-1] == replicas.REPLICA
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": "Thank you all."}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.cookies[replicas.PIN_COOKIE]["max-age"] == replicas.pin_seconds()
    client.get(thread.get_absolute_url())
    assert seen[-1] == replicas.PRIMARY  # read-your-writes

"""Every moderation action through the pages, outside a test transaction.

The other page tests run inside one transaction, so a row lock the code takes
without opening its own (`select_for_update()` outside `atomic`) goes unnoticed
there and on SQLite, and answers 500 on PostgreSQL. Here each request commits
for real, as in production. Run them on PostgreSQL too:
DATABASE_URL=postgres://… pytest tests/forum/test_moderation_pages_pg.py
"""

from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core.models import AuditEntry
from forum import services
from forum.models import Board, Post, Report, Sanction, Thread
from forum.services.moderation.actions import (
    ACTIONS,
    BULK_ACTIONS,
    MEMBER_ACTIONS,
    POST_ACTIONS,
)
from members.models import Profile, User
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_post, make_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db):
    restore_migration_data()


@pytest.fixture
def moderator(client):
    user = make_user("moderator", display_name="Mo")
    client.force_login(user)
    return user


@dataclass
class Scene:
    board: Board
    elsewhere: Board
    thread: Thread
    opening: Post
    reply: Post
    author: User


@pytest.fixture
def scene() -> Scene:
    """A thread whose reply (by its own author) has an open report."""
    board = make_board(name="Morphea")
    starter = make_user("member", display_name="Willow")
    accept_terms(starter)
    thread = services.start_thread(
        board,
        actor=starter,
        title="Tight skin on my arm",
        body="Has anyone had this for years?",
    )
    author = make_user("member", display_name="Rowan")
    reply = make_post(thread, author=author, body="You are all fools.")
    make_report(reply, reason="abuse", note="Rude")
    return Scene(
        board=board,
        elsewhere=make_board(name="Daily life"),
        thread=Thread.objects.get(pk=thread.pk),
        opening=Post.objects.get(pk=thread.first_post_id),
        reply=Post.objects.get(pk=reply.pk),
        author=author,
    )


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def _assert_audited(actor, code: str, target) -> None:
    """The newest audit row: this moderator, this action, this target."""
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.actor_id, entry.action) == (actor.pk, code)
    assert entry.target_type == ContentType.objects.get_for_model(type(target))
    assert entry.target_id == str(target.pk)


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    return response


# The post page: every action of its menu ------------------------------------------------


def _pending(s: Scene) -> Post:
    Post.objects.filter(pk=s.reply.pk).update(status=Post.Status.PENDING)
    return s.reply


def _hidden(s: Scene, moderator) -> Post:
    services.hide_post(s.reply, actor=make_user("moderator"), reason="Checking")
    return s.reply


def _lock(s: Scene, moderator) -> Post:
    services.lock_thread(s.thread, actor=make_user("moderator"))
    return s.opening


def _pin(s: Scene, moderator) -> Post:
    services.pin_thread(s.thread, actor=make_user("moderator"))
    return s.opening


# key: (prepare -> the post to act from, form data, target of the audit row, effect)
POST_CASES = {
    "approve": (
        lambda s, m: _pending(s),
        {},
        lambda s: s.reply,
        lambda s: _fresh(s.reply).status == Post.Status.PUBLISHED,
    ),
    "dismiss": (
        lambda s, m: s.reply,
        {"reason": "Blunt, not abusive."},
        lambda s: s.reply,
        lambda s: not Report.objects.filter(post=s.reply, status="open").exists(),
    ),
    "hide": (
        lambda s, m: s.reply,
        {"reason": "Please be kind."},
        lambda s: s.reply,
        lambda s: _fresh(s.reply).status == Post.Status.HIDDEN,
    ),
    "restore": (
        _hidden,
        {},
        lambda s: s.reply,
        lambda s: _fresh(s.reply).status == Post.Status.PUBLISHED,
    ),
    "delete": (
        lambda s, m: s.reply,
        {"reason": "Abuse."},
        lambda s: s.reply,
        lambda s: _fresh(s.reply).status == Post.Status.DELETED,
    ),
    # From the opening post: the page that answered 500 on PostgreSQL.
    "lock": (
        lambda s, m: s.opening,
        {},
        lambda s: s.thread,
        lambda s: _fresh(s.thread).is_locked,
    ),
    "unlock": (_lock, {}, lambda s: s.thread, lambda s: not _fresh(s.thread).is_locked),
    "pin": (
        lambda s, m: s.opening,
        {},
        lambda s: s.thread,
        lambda s: _fresh(s.thread).is_pinned,
    ),
    "unpin": (_pin, {}, lambda s: s.thread, lambda s: not _fresh(s.thread).is_pinned),
    "members_only": (
        lambda s, m: s.reply,
        {"reason": "Names a clinic."},
        lambda s: s.thread,
        lambda s: (
            _fresh(s.thread).members_only and _fresh(s.board).public_thread_count == 0
        ),
    ),
    "move": (
        lambda s, m: s.reply,
        {"board": "ELSEWHERE", "reason": "Better there."},
        lambda s: s.thread,
        lambda s: _fresh(s.thread).board_id == s.elsewhere.pk,
    ),
    "warn": (
        lambda s, m: s.reply,
        {"reason": "Please be kind."},
        lambda s: s.author,
        lambda s: Sanction.objects.filter(member=s.author, kind="warning").exists(),
    ),
    "suspend": (
        lambda s, m: s.reply,
        {"reason": "Cooling off.", "days": "3"},
        lambda s: s.author,
        lambda s: Profile.objects.get(user=s.author).is_suspended,
    ),
    "ban": (
        lambda s, m: s.reply,
        {"reason": "Repeated abuse.", "hide_posts": "on"},
        lambda s: s.author,
        lambda s: (
            not _fresh(s.author).is_active
            and _fresh(s.reply).status == Post.Status.HIDDEN
        ),
    ),
}


def test_every_action_of_the_post_menu_has_a_case_here():
    assert set(POST_CASES) == set(POST_ACTIONS)


@pytest.mark.parametrize("key", sorted(POST_CASES))
def test_each_post_page_action_commits_its_change_and_its_audit_row(
    client, moderator, scene, key
):
    prepare, data, target, happened = POST_CASES[key]
    post = prepare(scene, moderator)
    data = {
        k: str(scene.elsewhere.pk) if v == "ELSEWHERE" else v for k, v in data.items()
    }
    _post(
        client,
        reverse("forum:moderation-post", args=[post.pk]),
        {"action": key, **data},
    )
    assert happened(scene)
    _assert_audited(moderator, POST_ACTIONS[key].code, target(scene))


def test_locking_from_the_opening_post_then_unlocking_both_commit(
    client, moderator, scene
):
    url = reverse("forum:moderation-post", args=[scene.opening.pk])
    _post(client, url, {"action": "lock", "reason": "Going in circles."})
    assert _fresh(scene.thread).is_locked
    _post(client, url, {"action": "unlock"})
    assert not _fresh(scene.thread).is_locked
    codes = list(
        AuditEntry.objects.filter(actor=moderator)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert codes == ["thread.lock", "thread.unlock"]


def test_a_moderators_edit_commits_the_new_text_and_keeps_the_old(
    client, moderator, scene
):
    _post(
        client,
        reverse("forum:moderation-post-edit", args=[scene.opening.pk]),
        {
            "title": "Tight skin on my forearm",
            "body": "[Phone number removed by a moderator.]",
            "reason": "Personal details",
        },
    )
    opening = _fresh(scene.opening)
    assert opening.body == "[Phone number removed by a moderator.]"
    assert opening.versions.count() == 1
    assert _fresh(scene.thread).title == "Tight skin on my forearm"
    _assert_audited(moderator, "post.edit", opening)


# The member page ----------------------------------------------------------------------------


def _reported(s: Scene, moderator) -> User:
    make_report(member=s.author, reason="other", note="Offensive bio")
    return s.author


def _suspended(s: Scene, moderator) -> User:
    services.suspend_member(
        s.author, actor=make_user("moderator"), days=7, reason="Cooling off."
    )
    return s.author


# key: (prepare -> the member, form data, effect)
MEMBER_CASES = {
    "dismiss": (
        _reported,
        {"reason": "The bio is fine."},
        lambda s: not Report.objects.filter(member=s.author, status="open").exists(),
    ),
    "warn": (
        lambda s, m: s.author,
        {"reason": "Please read the guidelines."},
        lambda s: Sanction.objects.filter(member=s.author, kind="warning").exists(),
    ),
    "suspend": (
        lambda s, m: s.author,
        {"reason": "Cooling off.", "days": "1"},
        lambda s: Profile.objects.get(user=s.author).is_suspended,
    ),
    "ban": (
        lambda s, m: s.author,
        {"reason": "Spam account."},
        lambda s: not _fresh(s.author).is_active,
    ),
    "lift": (
        _suspended,
        {"reason": "Appeal accepted."},
        lambda s: not Profile.objects.get(user=s.author).is_suspended,
    ),
}


def test_every_action_of_the_member_menu_has_a_case_here():
    assert set(MEMBER_CASES) == set(MEMBER_ACTIONS)


@pytest.mark.parametrize("key", sorted(MEMBER_CASES))
def test_each_member_page_action_commits_its_change_and_its_audit_row(
    client, moderator, scene, key
):
    prepare, data, happened = MEMBER_CASES[key]
    member = prepare(scene, moderator)
    _post(
        client,
        reverse("forum:moderation-member", args=[member.pk]),
        {"action": key, **data},
    )
    assert happened(scene)
    _assert_audited(moderator, MEMBER_ACTIONS[key].code, member)


# Bulk actions ------------------------------------------------------------------------------


def _two_posts(s: Scene, key: str) -> list[Post]:
    second = make_post(s.thread, body="Buy cheap pills here.")
    make_report(second, reason="spam")
    posts = [s.reply, _fresh(second)]
    if key == "approve":
        Post.objects.filter(pk__in=[p.pk for p in posts]).update(status="pending")
    if key == "restore":
        for post in posts:
            services.hide_post(post, actor=make_user("moderator"), reason="Checking")
    return posts


BULK_EFFECTS = {
    "approve": lambda post: post.status == Post.Status.PUBLISHED,
    "dismiss": lambda post: not post.reports.filter(status="open").exists(),
    "hide": lambda post: post.status == Post.Status.HIDDEN,
    "restore": lambda post: post.status == Post.Status.PUBLISHED,
    "delete": lambda post: post.status == Post.Status.DELETED,
}


def test_every_bulk_action_has_a_case_here():
    assert set(BULK_EFFECTS) == set(BULK_ACTIONS)


@pytest.mark.parametrize("key", sorted(BULK_EFFECTS))
def test_each_bulk_action_commits_on_every_selected_post(client, moderator, scene, key):
    posts = _two_posts(scene, key)
    _post(
        client,
        reverse("forum:moderation-bulk"),
        {"action": key, "posts": [p.pk for p in posts], "reason": "Queue sweep"},
    )
    code = BULK_ACTIONS[key].code
    for post in posts:
        assert BULK_EFFECTS[key](_fresh(post)), post.pk
        assert AuditEntry.objects.filter(
            actor=moderator, action=code, target_id=str(post.pk)
        ).exists()


def test_every_catalogue_action_is_driven_by_a_page_test_here():
    covered = {*POST_CASES, *MEMBER_CASES, *BULK_EFFECTS, "edit"}
    assert {action.key for action in ACTIONS} <= covered

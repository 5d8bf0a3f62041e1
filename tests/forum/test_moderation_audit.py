"""Every moderation action leaves one audit row that nobody can change; word
filters are managed in the admin, and those changes are logged too."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from core.models import AuditEntry
from forum import services
from forum.models import Post, WordFilter
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_report

pytestmark = pytest.mark.django_db


def _pending(thread):
    post = make_post(thread)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PENDING)
    post.refresh_from_db()
    return post


def _hidden(thread, moderator):
    # Hidden by another moderator: the test counts only `moderator`'s rows.
    post = make_post(thread)
    services.hide_post(post, actor=make_user("moderator"), reason="first")
    return post


ACTIONS = {
    "post.approve": lambda t, m: services.approve_post(_pending(t), actor=m),
    "post.hide": lambda t, m: services.hide_post(make_post(t), actor=m, reason="r"),
    "post.restore": lambda t, m: services.restore_post(_hidden(t, m), actor=m),
    "post.delete": lambda t, m: services.remove_post(make_post(t), actor=m),
    "post.edit": lambda t, m: services.moderate_edit_post(
        make_post(t), actor=m, body="Edited by a moderator"
    ),
    "report.dismiss": lambda t, m: services.dismiss_reports(
        make_report(make_post(t)).post, actor=m
    ),
    "thread.lock": lambda t, m: services.lock_thread(t, actor=m),
    "thread.pin": lambda t, m: services.pin_thread(t, actor=m),
    "thread.move": lambda t, m: services.move_thread(t, actor=m, board=make_board()),
    "member.warn": lambda t, m: services.warn_member(
        make_user("member"), actor=m, message="Be kind"
    ),
    "member.suspend": lambda t, m: services.suspend_member(
        make_user("member"), actor=m, days=1, reason="Cool off"
    ),
    "member.ban": lambda t, m: services.ban_member(
        make_user("member"), actor=m, reason="Spam"
    ),
    "report.escalate": lambda t, m: services.report_post(
        t.first_post, actor=m, reason="other"
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_writes_one_row_that_cannot_be_altered(thread, action):
    moderator = make_user("moderator", display_name="Mo")
    ACTIONS[action](thread, moderator)
    rows = AuditEntry.objects.filter(action=action, actor=moderator)
    assert rows.count() == 1
    entry = rows.get()
    assert entry.actor_name == "Mo" and entry.target_type is not None
    original = (entry.reason, entry.before, entry.after)
    entry.reason = "rewritten"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        rows.update(reason="rewritten")
    with pytest.raises(TypeError):
        rows.delete()
    fresh = AuditEntry.objects.get(pk=entry.pk)
    assert (fresh.reason, fresh.before, fresh.after) == original


def test_moderators_cannot_change_or_delete_log_rows_in_the_admin(client, thread):
    moderator = make_user("moderator")
    services.hide_post(make_post(thread), actor=moderator, reason="Rude")
    entry = AuditEntry.objects.get()
    client.force_login(moderator)
    change = reverse("admin:core_auditentry_change", args=[entry.pk])
    delete = reverse("admin:core_auditentry_delete", args=[entry.pk])
    client.post(change, {"reason": "edited"})
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert AuditEntry.objects.get(pk=entry.pk).reason == "Rude"


# Word filters in the admin -----------------------------------------------------------------


def test_moderators_add_change_and_delete_word_filters_with_log_rows(client):
    moderator = make_user("moderator", display_name="Mo")
    client.force_login(moderator)
    add = reverse("admin:forum_wordfilter_add")
    response = client.post(
        add,
        {"pattern": "  https://www.Pills.example/ ", "action": "block", "note": "x"},
    )
    assert response.status_code == HTTPStatus.FOUND
    word_filter = WordFilter.objects.get()
    assert (word_filter.pattern, word_filter.created_by) == ("pills.example", moderator)
    change = reverse("admin:forum_wordfilter_change", args=[word_filter.pk])
    client.post(change, {"pattern": "pills.example", "action": "watch", "note": "y"})
    delete = reverse("admin:forum_wordfilter_delete", args=[word_filter.pk])
    client.post(delete, {"post": "yes"})
    assert not WordFilter.objects.exists()
    actions = list(
        AuditEntry.objects.order_by("id").values_list("action", "before", "after")
    )
    assert actions == [
        ("wordfilter.add", None, {"pattern": "pills.example", "action": "block"}),
        (
            "wordfilter.change",
            {"pattern": "pills.example", "action": "block"},
            {"pattern": "pills.example", "action": "watch"},
        ),
        ("wordfilter.delete", {"pattern": "pills.example", "action": "watch"}, None),
    ]


def test_the_same_word_twice_is_refused_whatever_its_case(client):
    client.force_login(make_user("moderator"))
    add = reverse("admin:forum_wordfilter_add")
    client.post(add, {"pattern": "casino", "action": "block"})
    response = client.post(add, {"pattern": "CASINO", "action": "watch"})
    assert response.status_code == HTTPStatus.OK
    assert WordFilter.objects.count() == 1


@pytest.mark.parametrize("role", ["member", "professional", "editor"])
def test_only_moderators_manage_word_filters(client, role):
    client.force_login(make_user(role))
    response = client.get(reverse("admin:forum_wordfilter_add"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)

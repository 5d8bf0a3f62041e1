"""The member backend caches permissions; every change to roles is seen at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import User
from members.roles import MODERATORS
from members.services import assign_role
from tests.factories import give_second_factor, make_user

pytestmark = pytest.mark.django_db

PERM = "forum.moderate_post"


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # a new request's user object


def test_permissions_are_read_from_the_cache_on_the_next_request():
    user = make_user("moderator")
    assert fresh(user).has_perm(PERM)
    with CaptureQueriesContext(connection) as captured:
        assert fresh(user).has_perm(PERM)
    assert len(captured) == 1  # loading the user; no permission query


def test_a_new_role_is_seen_on_the_next_request(django_capture_on_commit_callbacks):
    user = make_user("member", second_factor=True)
    assert not fresh(user).has_perm(PERM)
    with django_capture_on_commit_callbacks(execute=True):
        assign_role(user, "moderator")
    assert fresh(user).has_perm(PERM)


def test_a_roles_powers_wait_for_a_second_factor(django_capture_on_commit_callbacks):
    user = make_user("moderator", second_factor=False)
    assert not fresh(user).has_perm(PERM)
    assert fresh(user).has_perm("forum.add_post")  # still a member
    with django_capture_on_commit_callbacks(execute=True):
        give_second_factor(user)
    assert fresh(user).has_perm(PERM)


def test_leaving_a_group_or_a_group_losing_a_permission_is_seen_at_once(
    django_capture_on_commit_callbacks,
):
    user = make_user("moderator")
    other = make_user("moderator")
    assert fresh(user).has_perm(PERM) and fresh(other).has_perm(PERM)
    moderators = Group.objects.get(name=MODERATORS)
    with django_capture_on_commit_callbacks(execute=True):
        moderators.user_set.remove(user)
    assert not fresh(user).has_perm(PERM)
    assert fresh(other).has_perm(PERM)
    permission = Permission.objects.get(codename="moderate_post")
    with django_capture_on_commit_callbacks(execute=True):
        moderators.permissions.remove(permission)
    assert not fresh(other).has_perm(PERM)


def test_becoming_superuser_or_inactive_is_seen_at_once():
    user = make_user("member")
    assert not fresh(user).has_perm(PERM)
    user.is_superuser = True
    user.save()
    assert fresh(user).has_perm(PERM)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not fresh(user).has_perm(PERM)


def test_the_session_user_comes_with_the_profile(client):
    user = make_user("member", display_name="Header Name")
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/about/").content.decode()
    assert "Header Name" in html
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "members_profile" in tables
    assert "django_session" not in tables  # the session comes from the cache

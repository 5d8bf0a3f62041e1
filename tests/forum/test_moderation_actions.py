"""The catalogue of moderation actions: each declared once, wired to real services."""

import pytest

from forum import services
from forum.selectors import moderation_member
from forum.services.moderation.actions import (
    ACTIONS,
    BULK_ACTIONS,
    MEMBER_ACTIONS,
    NOTICES,
    OUTCOMES,
    POST_ACTIONS,
    Target,
    member_actions,
    post_actions,
)
from forum.services.moderation.codes import AuditCode
from tests.factories import make_user
from tests.forum.factories import make_post


def test_every_action_calls_a_service_of_forum_services():
    public = {getattr(services, name) for name in services.__all__}
    for action in ACTIONS:
        assert action.service in public, action.key


def test_keys_are_unique_on_each_page():
    assert len(POST_ACTIONS) == sum(a.from_post and a.in_menu for a in ACTIONS)
    assert len(MEMBER_ACTIONS) == sum(a.target is Target.MEMBER for a in ACTIONS)


def test_bulk_actions_act_on_one_post_each():
    assert BULK_ACTIONS
    assert all(a.target is Target.POST for a in BULK_ACTIONS.values())


def test_every_code_the_catalogue_uses_is_an_audit_code():
    for action in ACTIONS:
        assert isinstance(action.code, AuditCode)
    assert set(NOTICES) <= set(AuditCode)
    assert set(OUTCOMES) <= set(AuditCode)


@pytest.mark.parametrize("code", sorted(NOTICES))
def test_notices_take_only_the_threads_title_never_the_moderators_name(code):
    template = str(NOTICES[code])
    text = template % {"title": "Tight skin"}
    assert "%(" not in text
    assert ("Tight skin" in text) == ("%(title)s" in template)


@pytest.mark.django_db
def test_a_moderator_is_offered_no_sanction_against_another_moderator(thread):
    moderator = make_user("moderator")
    other = make_user("moderator")
    reply = make_post(thread, author=other)
    reply.open_report_count = 0
    keys = [action.key for action in post_actions(moderator, reply)]
    assert "hide" in keys and "lock" in keys
    assert not {"warn", "suspend", "ban"} & set(keys)
    assert member_actions(moderator, moderation_member(other.pk)) == []


@pytest.mark.django_db
def test_a_member_is_offered_nothing(thread):
    member = make_user("member")
    reply = make_post(thread)
    reply.open_report_count = 1
    assert post_actions(member, reply) == []

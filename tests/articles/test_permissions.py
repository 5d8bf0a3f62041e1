"""The permission table: who may do what in the library, by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from articles import permissions
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHECKS = {
    "can_create_articles": {"editor"},
    "can_edit_articles": {"editor"},
    "can_review_articles": {"professional"},
    "can_publish_articles": {"editor"},
    "can_preview_articles": {"editor", "professional"},
    "can_return_to_draft": {"editor", "professional"},
    "can_report_error": {"member", "professional", "editor", "moderator"},
    "can_handle_corrections": {"editor"},
}


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize(
    "role", ["visitor", "unverified", "member", "professional", "editor", "moderator"]
)
def test_permission_table(check, role):
    user = AnonymousUser() if role == "visitor" else make_user(role)
    assert getattr(permissions, check)(user) is (role in CHECKS[check])


def test_an_inactive_editor_may_do_nothing():
    editor = make_user("editor")
    editor.is_active = False
    editor.save()
    assert not permissions.can_edit_articles(editor)
    assert not permissions.can_publish_articles(editor)


def test_staff_flag_alone_grants_nothing():
    member = make_user("member")
    member.is_staff = True
    member.save()
    assert not permissions.can_preview_articles(member)

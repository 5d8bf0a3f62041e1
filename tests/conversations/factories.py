"""Conversations for tests, made through the services."""

from conversations.models import Conversation
from conversations.services import start_conversation
from tests.factories import make_user


def established(role: str = "member", **kwargs):
    """A member past the new-member limits (enough published posts)."""
    return make_user(role, post_count=10, **kwargs)


def make_conversation(
    starter=None, *recipients, body: str = "Hello there"
) -> Conversation:
    starter = starter or established()
    recipients = recipients or (established(),)
    return start_conversation(actor=starter, recipients=list(recipients), body=body)

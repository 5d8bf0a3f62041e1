import pytest
from django.core.management import call_command

from conversations.models import Conversation, Message, MessageReport
from members.models import Block

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Conversation.objects.count(),
        Message.objects.count(),
        MessageReport.objects.count(),
        Block.objects.count(),
    )


def test_demo_conversations_are_seeded_once(settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _counts()
    assert first == (4, 9, 1, 1)  # with the welcome to Ash and their held photo
    pro = Conversation.objects.get(subject__startswith="Before my appointment")
    assert pro.participants.filter(user__profile__verified_professional=True).exists()
    assert MessageReport.objects.get().message.author.email == "dee@demo.test"
    assert mailoutbox == []
    call_command("seed_demo")
    assert _counts() == first

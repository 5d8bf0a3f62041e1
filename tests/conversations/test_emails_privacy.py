import json

import pytest
from django.core import mail
from django.urls import reverse

from conversations.models import Message, MessageEmail, Participant
from conversations.services import send_message, send_message_digests
from members.privacy import delete_account
from tests.conversations.factories import established, make_conversation
from tests.factories import PASSWORD, reauthenticate

pytestmark = pytest.mark.django_db


def test_email_after_commit_without_the_text_by_default(
    django_capture_on_commit_callbacks,
):
    al, bea = established(), established()
    with django_capture_on_commit_callbacks(execute=True):
        make_conversation(al, bea, body="my private symptoms")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [bea.email]
    assert al.profile.display_name in email.subject
    assert "my private symptoms" not in email.body
    assert MessageEmail.objects.get().state == MessageEmail.State.SENT


def test_email_carries_the_text_when_the_member_allows_it(
    django_capture_on_commit_callbacks,
):
    al, bea = established(), established(notify_without_content=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_conversation(al, bea, body="see you on Tuesday")
    assert "see you on Tuesday" in mail.outbox[0].body


def test_no_email_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        make_conversation()
    assert mail.outbox == []
    assert MessageEmail.objects.get().state == MessageEmail.State.QUEUED


def test_email_settings_never_and_digest(django_capture_on_commit_callbacks):
    al = established()
    never = established(email_frequency="never")
    daily = established(email_frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        make_conversation(al, never, daily, body="hello both")
    assert mail.outbox == []
    assert MessageEmail.objects.get().state == MessageEmail.State.DIGEST
    assert send_message_digests() == 1
    assert mail.outbox[0].to == [daily.email]
    assert "hello both" not in mail.outbox[0].body


def test_left_member_gets_no_email(django_capture_on_commit_callbacks):
    al, bea, cy = established(), established(), established()
    conversation = make_conversation(al, bea, cy)
    mail.outbox.clear()
    Participant.objects.filter(user=cy).update(left_at=conversation.created_at)
    with django_capture_on_commit_callbacks(execute=True):
        send_message(conversation, actor=al, body="still here?")
    assert [m.to for m in mail.outbox] == [[bea.email]]


def test_failed_send_stays_queued_for_a_retry(
    django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise OSError("relay down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        make_conversation()
    row = MessageEmail.objects.get()
    assert row.state == MessageEmail.State.QUEUED
    assert row.attempts == 1 and row.next_attempt_at is not None


def test_export_holds_own_messages_and_those_addressed_to_me(client):
    al, bea = established(), established()
    conversation = make_conversation(al, bea, body="from al")
    send_message(conversation, actor=bea, body="from bea")
    make_conversation(established(), established(), body="not mine")
    client.force_login(bea)
    reauthenticate(client)
    data = json.loads(client.get(reverse("accounts:privacy-export")).content)
    texts = [m["text"] for c in data["conversations"] for m in c["messages"]]
    assert texts == ["from al", "from bea"]
    assert "notify_without_content" in data["profile"]


@pytest.mark.parametrize(("mode", "text"), [("keep", "bye"), ("remove", "")])
def test_deleting_the_account_follows_the_choice_for_posts(mode, text):
    al, bea = established(), established()
    conversation = make_conversation(al, bea, body="bye")
    delete_account(al, password=PASSWORD, mode=mode)
    message = Message.objects.get(conversation=conversation)
    assert message.author is None
    assert message.body == text
    assert list(conversation.participants.values_list("user", flat=True)) == [bea.pk]


def test_messages_are_not_in_search_or_sitemaps(client):
    conversation = make_conversation(body="zanzibarquux hushhush")
    page = client.get("/search/", {"q": "zanzibarquux"}).content.decode()
    assert "hushhush" not in page
    assert conversation.get_absolute_url() not in page
    assert "/messages/" not in client.get("/sitemap.xml").content.decode()

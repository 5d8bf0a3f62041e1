from http import HTTPStatus

import pytest
from django.urls import reverse

from conversations.models import Message, MessageReport
from conversations.services import report_message, send_message
from core.models import AuditEntry
from tests.conversations.factories import established, make_conversation
from tests.factories import PASSWORD, make_user, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported():
    """A conversation where Bea reported Al's second message."""
    al, bea = established(), established()
    conversation = make_conversation(al, bea, body="Hello from Al")
    send_message(conversation, actor=bea, body="Reply from Bea")
    bad = send_message(conversation, actor=al, body="something nasty")
    report = report_message(bad, actor=bea, reason="Insulting")
    return report


def test_participant_reports_a_message_with_a_snapshot(client):
    al, bea = established(), established()
    conversation = make_conversation(al, bea, body="you are awful")
    message = conversation.messages.get()
    client.force_login(bea)
    response = client.post(
        reverse("conversations:message-report", args=[message.pk]),
        {"reason": "Rude"},
    )
    assert response.status_code == HTTPStatus.FOUND
    report = MessageReport.objects.get()
    assert report.reporter == bea
    assert [item["reported"] for item in report.snapshot] == [True]
    assert "you are awful" in report.snapshot[0]["html"]


def test_own_message_and_outsiders_cannot_report(client):
    al, bea = established(), established()
    message = make_conversation(al, bea).messages.get()
    url = reverse("conversations:message-report", args=[message.pk])
    client.force_login(al)
    assert client.post(url, {"reason": "x"}).status_code == HTTPStatus.FORBIDDEN
    client.force_login(established())
    assert client.post(url, {"reason": "x"}).status_code == HTTPStatus.NOT_FOUND
    assert not MessageReport.objects.exists()


def test_moderator_without_a_report_cannot_open_a_conversation(client):
    conversation = make_conversation()
    client.force_login(make_user("moderator"))
    reauthenticate(client)
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert not AuditEntry.objects.filter(action="conversation.read").exists()


@pytest.mark.parametrize("role", ["member", "professional"])
def test_only_moderators_see_the_report_queue(client, reported, role):
    client.force_login(make_user(role))
    for url in (
        reverse("conversations:report-queue"),
        reverse("conversations:report-detail", args=[reported.pk]),
    ):
        assert client.get(url).status_code == HTTPStatus.FORBIDDEN


def test_moderator_reads_through_a_report_and_each_reading_is_audited(client, reported):
    moderator = make_user("moderator")
    client.force_login(moderator)
    reauthenticate(client)
    url = reverse("conversations:report-detail", args=[reported.pk])
    for _ in range(2):
        response = client.post(
            url, {"reason": "Checking the context of the report", "scope": "whole"}
        )
        assert response.status_code == HTTPStatus.OK
    entries = AuditEntry.objects.filter(action="conversation.read")
    assert entries.count() == 2
    entry = entries.first()
    assert entry.actor == moderator
    assert entry.reason == "Checking the context of the report"
    assert entry.target_id == str(reported.message.conversation_id)
    assert entry.after["scope"] == "whole"
    assert response.context["message_list"] is not None


def test_the_report_page_shows_the_reported_message_alone_until_a_reading(
    client, reported
):
    client.force_login(make_user("moderator"))
    reauthenticate(client)
    url = reverse("conversations:report-detail", args=[reported.pk])
    page = client.get(url).content.decode()
    assert "something nasty" in page
    # The messages either side were in the snapshot, and stay private on a GET.
    assert len(reported.snapshot) == 3
    assert "Hello from Al" not in page and "Reply from Bea" not in page
    assert not AuditEntry.objects.filter(action="conversation.read").exists()


def test_the_messages_around_it_open_through_an_audited_reading(client, reported):
    moderator = make_user("moderator")
    client.force_login(moderator)
    reauthenticate(client)
    url = reverse("conversations:report-detail", args=[reported.pk])
    assert client.get(url, {"scope": "around"}).context["scope"] is None
    response = client.post(url, {"reason": "Was it provoked?", "scope": "around"})
    page = response.content.decode()
    assert "Hello from Al" in page and "Reply from Bea" in page
    assert response.context["message_list"] is None  # not the whole conversation
    entry = AuditEntry.objects.get(action="conversation.read")
    assert (entry.actor, entry.reason) == (moderator, "Was it provoked?")
    assert entry.after["scope"] == "around"
    # A reading without a scope button (Enter in the field) is the narrower one.
    response = client.post(url, {"reason": "Again"})
    assert response.context["scope"] == "around"
    assert response.context["message_list"] is None
    # A made-up scope is refused with a message, not a 500.
    response = client.post(url, {"reason": "Again", "scope": "everything"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["scope"] is None
    assert AuditEntry.objects.filter(action="conversation.read").count() == 2


def test_reading_without_a_reason_shows_nothing_more(client, reported):
    client.force_login(make_user("moderator"))
    reauthenticate(client)
    url = reverse("conversations:report-detail", args=[reported.pk])
    response = client.post(url, {"reason": ""})
    assert response.context["message_list"] is None
    assert not AuditEntry.objects.filter(action="conversation.read").exists()


def test_moderator_hides_the_message_and_closes_the_report(client, reported):
    moderator = make_user("moderator")
    client.force_login(moderator)
    reauthenticate(client)
    response = client.post(
        reverse("conversations:message-hide", args=[reported.message_id]),
        {"reason": "Insults", "report": reported.pk},
    )
    assert response.status_code == HTTPStatus.FOUND
    message = Message.objects.get(pk=reported.message_id)
    assert message.status == Message.Status.HIDDEN
    reported.refresh_from_db()
    assert reported.status == MessageReport.Status.CLOSED
    assert AuditEntry.objects.filter(action="message.hide", actor=moderator).exists()
    client.force_login(reported.reporter)
    page = client.get(message.conversation.get_absolute_url()).content.decode()
    assert "something nasty" not in page
    assert "hidden by a moderator" in page


def test_member_cannot_hide(client, reported):
    client.force_login(reported.reporter)
    response = client.post(
        reverse("conversations:message-hide", args=[reported.message_id]),
        {"reason": "x", "report": reported.pk},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Message.objects.get(pk=reported.message_id).status == "visible"


def test_report_page_links_to_the_members_moderation_record(client, reported):
    client.force_login(make_user("moderator"))
    reauthenticate(client)
    page = client.get(
        reverse("conversations:report-detail", args=[reported.pk])
    ).content.decode()
    assert reverse("forum:moderation-member", args=[reported.message.author_id]) in page


def test_reading_a_reported_conversation_asks_the_moderator_to_prove_it_is_them(
    client, reported
):
    client.force_login(make_user("moderator"))
    url = reverse("conversations:report-detail", args=[reported.pk])
    response = client.post(
        url, {"reason": "Checking the context of the report", "scope": "whole"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action="conversation.read").exists()
    # The password again, then the reading goes on with the reason given before.
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response.context["message_list"] is not None
    entry = AuditEntry.objects.get(action="conversation.read")
    assert entry.reason == "Checking the context of the report"

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations import selectors
from conversations.context_processors import unread_messages
from conversations.models import Conversation, Message, Participant
from conversations.services import send_message
from core.ratelimits import reset_rate
from members.models import Block
from tests.conversations.factories import established, make_conversation
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _start(client, recipients, body="Hi, how are you doing?"):
    names = ", ".join(r.profile.display_name for r in recipients)
    return client.post(reverse("conversations:start"), {"to": names, "body": body})


def test_profile_page_offers_send_a_message(client):
    me, other = established(), established()
    client.force_login(me)
    page = client.get(other.profile.get_absolute_url()).content.decode()
    assert reverse("conversations:start") + f"?to={other.pk}" in page


def test_profile_page_says_when_a_member_takes_no_new_conversations(client):
    me = established()
    pro = make_user("professional", accepts_new_conversations=False)
    client.force_login(me)
    page = client.get(pro.profile.get_absolute_url()).content.decode()
    assert reverse("conversations:start") not in page
    assert "does not take new private conversations" in page


def test_start_form_is_prefilled_from_the_profile_link(client):
    me, other = established(), established()
    client.force_login(me)
    response = client.get(reverse("conversations:start"), {"to": other.pk})
    assert other.profile.display_name in response.content.decode()


def test_member_starts_a_conversation_and_the_other_sees_it_unread(client):
    me, other = established(), established()
    client.force_login(me)
    response = _start(client, [other])
    conversation = Conversation.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == conversation.get_absolute_url()
    place = Participant.objects.get(user=other)
    assert place.unread_count == 1
    client.force_login(other)
    inbox = client.get(reverse("conversations:inbox")).content.decode()
    assert conversation.get_absolute_url() in inbox
    home = client.get("/").content.decode()
    assert reverse("conversations:inbox") in home
    client.get(conversation.get_absolute_url())
    # Read at once for the reader (the cache), written later (tests/conversations/
    # test_reading.py): the page view itself wrote nothing.
    place.refresh_from_db()
    assert place.unread_count == 1
    inbox = client.get(reverse("conversations:inbox")).content.decode()
    assert "badge-count" not in inbox


def test_header_unread_total_costs_one_query(client, django_assert_max_num_queries):
    me, other = established(), established()
    make_conversation(other, me)
    make_conversation(established(), me)
    request = RequestFactory().get("/")
    request.user = me
    me.has_perm("conversations.add_message")  # permissions cached: count our query
    with django_assert_max_num_queries(1):
        assert unread_messages(request)["unread_message_count"]() == 2


def test_preview_shows_rendered_text_and_sends_nothing(client):
    me, other = established(), established()
    client.force_login(me)
    response = client.post(
        reverse("conversations:start"),
        {"to": other.profile.display_name, "body": "**bold** words", "preview": "1"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "<strong>bold</strong>" in response.content.decode()
    assert not Conversation.objects.exists()


def test_message_text_is_rendered_markdown_stored_on_save(client):
    conversation = make_conversation(body="A [link](https://example.org) and *this*")
    message = conversation.messages.get()
    assert "<em>this</em>" in message.body_html
    assert 'rel="nofollow ugc noopener"' in message.body_html


def test_more_than_five_recipients_is_refused(client):
    me = established()
    others = [established() for _ in range(6)]
    client.force_login(me)
    response = _start(client, others)
    assert response.status_code == HTTPStatus.OK
    assert "at most 5" in response.content.decode()
    assert not Conversation.objects.exists()


def test_unknown_name_is_shown_on_the_form(client):
    client.force_login(established())
    response = client.post(
        reverse("conversations:start"), {"to": "Nobody Atall", "body": "Hello"}
    )
    assert "Nobody here is called" in response.content.decode()
    assert not Conversation.objects.exists()


def test_reply_and_unread_count_for_the_other(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    client.force_login(other)
    response = client.post(conversation.get_absolute_url(), {"body": "Thanks!"})
    assert response.status_code == HTTPStatus.FOUND
    assert Message.objects.filter(author=other, body="Thanks!").exists()
    assert Participant.objects.get(user=me).unread_count == 1


def test_inbox_lists_newest_activity_first(client):
    me = established()
    old = make_conversation(me, established(), body="old")
    new = make_conversation(me, established(), body="new")
    client.force_login(me)
    page = client.get(reverse("conversations:inbox")).content.decode()
    assert page.index(new.get_absolute_url()) < page.index(old.get_absolute_url())
    client.post(old.get_absolute_url(), {"body": "bump"})
    page = client.get(reverse("conversations:inbox")).content.decode()
    assert page.index(old.get_absolute_url()) < page.index(new.get_absolute_url())


def test_inbox_is_paginated(client, settings):
    settings.CONVERSATIONS_PER_PAGE = 2
    me = established()
    for _ in range(3):
        make_conversation(me, established())
    client.force_login(me)
    response = client.get(reverse("conversations:inbox"))
    assert len(response.context["page"].object_list) == 2
    assert 'rel="next"' in response.content.decode()


def test_outsider_gets_404_for_a_conversation(client):
    conversation = make_conversation()
    client.force_login(established())
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_visitor_is_sent_to_login(client):
    conversation = make_conversation()
    for url in (reverse("conversations:inbox"), conversation.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert "/login/" in response["Location"]


def test_leaving_removes_it_from_ones_inbox_only(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    client.force_login(me)
    client.post(reverse("conversations:leave", args=[conversation.pk]))
    assert (
        conversation.get_absolute_url()
        not in client.get(reverse("conversations:inbox")).content.decode()
    )
    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.force_login(other)
    assert client.get(conversation.get_absolute_url()).status_code == 200


def test_author_edits_within_15_minutes_not_after(client):
    me, other = established(), established()
    conversation = make_conversation(me, other, body="typo")
    message = conversation.messages.get()
    client.force_login(me)
    url = reverse("conversations:message-edit", args=[message.pk])
    client.post(url, {"body": "fixed"})
    message.refresh_from_db()
    assert message.body == "fixed" and message.edited_at
    Message.objects.filter(pk=message.pk).update(
        created_at=message.created_at - timedelta(minutes=16)
    )
    response = client.post(url, {"body": "too late"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    message.refresh_from_db()
    assert message.body == "fixed"


def test_other_participant_cannot_edit(client):
    me, other = established(), established()
    message = make_conversation(me, other).messages.get()
    client.force_login(other)
    response = client.post(
        reverse("conversations:message-edit", args=[message.pk]), {"body": "mine"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


# The matrix: who may start a conversation with whom --------------------------


def _blocked(me, other):
    Block.objects.create(blocker=other, blocked=me)
    return other


def _blocking(me, other):
    Block.objects.create(blocker=me, blocked=other)
    return other


@pytest.mark.parametrize(
    ("sender", "recipient", "allowed"),
    [
        ("member", "member", True),
        ("new member", "member", False),
        ("new member who talked", "member", True),
        ("member", "professional, conversations off", False),
        ("member", "professional", True),
        ("member", "blocked me", False),
        ("member", "I blocked", False),
        ("suspended", "member", False),
        ("unverified", "member", False),
    ],
)
def test_who_may_start_a_conversation(client, sender, recipient, allowed):
    if sender == "suspended":
        me = established(suspended_until=timezone.now() + timedelta(days=2))
    elif sender == "unverified":
        me = make_user("unverified", post_count=10)
    elif sender.startswith("new member"):
        me = make_user("member")
    else:
        me = established()
    if recipient.startswith("professional"):
        other = established(
            "professional", accepts_new_conversations="off" not in recipient
        )
    else:
        other = established()
    if sender == "new member who talked":
        make_conversation(other, me)
    if recipient == "blocked me":
        _blocked(me, other)
    if recipient == "I blocked":
        _blocking(me, other)
    before = Conversation.objects.count()
    client.force_login(me)
    response = _start(client, [other])
    assert (Conversation.objects.count() == before + 1) is allowed
    assert response.status_code == (HTTPStatus.FOUND if allowed else 403)


def test_new_member_writes_to_at_most_three_new_people_a_day(client):
    me = make_user("member")
    others = [established() for _ in range(4)]
    for other in others:
        make_conversation(other, me)  # each wrote first: they have talked
    client.force_login(me)
    for other in others[:3]:
        assert _start(client, [other]).status_code == HTTPStatus.FOUND
    reset_rate("conversation", me)  # 3 an hour for new members; here: per day
    response = _start(client, [others[3]])
    assert "at most 3" in response.content.decode()
    assert Conversation.objects.filter(started_by=me).count() == 3


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("participant", True),
        ("blocked by the other", False),
        ("suspended", False),
        ("other left", False),
    ],
)
def test_who_may_reply(client, who, allowed):
    me, other = established(), established()
    conversation = make_conversation(other, me)
    if who == "blocked by the other":
        Block.objects.create(blocker=other, blocked=me)
    if who == "suspended":
        me.profile.suspended_until = timezone.now() + timedelta(days=1)
        me.profile.save(update_fields=["suspended_until"])
    if who == "other left":
        Participant.objects.filter(user=other).update(left_at=timezone.now())
    client.force_login(me)
    response = client.post(conversation.get_absolute_url(), {"body": "Reply"})
    assert Message.objects.filter(author=me).exists() is allowed
    assert response.status_code == (HTTPStatus.FOUND if allowed else 403)
    if not allowed:
        page = client.get(conversation.get_absolute_url()).content.decode()
        assert 'name="body"' not in page


def test_block_from_the_profile_page(client):
    me, other = established(), established()
    client.force_login(me)
    client.post(reverse("members:profile-block", args=[other.pk]))
    assert Block.objects.filter(blocker=me, blocked=other).exists()
    page = client.get(other.profile.get_absolute_url()).content.decode()
    assert "You blocked this member." in page
    assert reverse("conversations:start") not in page
    client.post(reverse("members:profile-block", args=[other.pk]), {"unblock": "1"})
    assert not Block.objects.exists()


def test_sending_is_rate_limited(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    client.force_login(me)
    statuses = [
        client.post(conversation.get_absolute_url(), {"body": f"n{i}"}).status_code
        for i in range(31)
    ]
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS
    assert Message.objects.filter(author=me).count() == 31


def test_professional_turns_new_conversations_off_in_the_settings(client):
    pro = established("professional")
    client.force_login(pro)
    url = reverse("accounts:profile-edit")
    form = client.get(url).context["form"]
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() not in (None, False)
    }
    del data["accepts_new_conversations"]  # unticked
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    pro.profile.refresh_from_db()
    assert pro.profile.accepts_new_conversations is False
    client.force_login(established())
    assert _start(client, [pro]).status_code == HTTPStatus.FORBIDDEN


def test_moderators_find_the_reported_messages_from_the_header(client):
    client.force_login(make_user("moderator"))
    assert reverse("conversations:report-queue") in client.get("/").content.decode()
    client.force_login(established())
    assert reverse("conversations:report-queue") not in client.get("/").content.decode()


def test_inbox_selector_costs_the_same_for_many_conversations(
    django_assert_max_num_queries,
):
    me = established()
    for _ in range(6):
        make_conversation(me, established(), established())
    with django_assert_max_num_queries(2):
        places = list(selectors.inbox(me))
        names = [
            p.user.profile.display_name
            for place in places
            for p in place.conversation.people
        ]
    assert len(places) == 6 and len(names) == 18


def test_messages_show_as_formatted_text_not_as_markup(client):
    me, other = established(), established()
    conversation = make_conversation(me, other, body="Use **gloves** <b>outside</b>")
    client.force_login(other)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "<strong>gloves</strong>" in page
    assert "&lt;p&gt;" not in page  # the stored HTML is not shown as text
    assert "<b>outside</b>" not in page  # raw HTML in the source stays text


def _page_queries(client, url) -> int:
    client.get(url)  # warm: session and permissions come from the cache after this
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(captured)


def test_inbox_and_conversation_pages_run_a_fixed_number_of_queries(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    client.force_login(me)
    inbox = reverse("conversations:inbox")
    inbox_small = _page_queries(client, inbox)
    detail_small = _page_queries(client, conversation.get_absolute_url())
    for n in range(8):
        make_conversation(me, established(), body=f"Another hello {n}")
        send_message(conversation, actor=other, body=f"More news, number {n}")
    assert _page_queries(client, inbox) == inbox_small
    # Reading marks the new messages read once; after that, the page is as cheap.
    client.get(conversation.get_absolute_url())
    assert _page_queries(client, conversation.get_absolute_url()) == detail_small

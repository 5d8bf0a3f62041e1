"""A post's "Send a private message" link, and the start page it leads to."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from members.models import Block
from tests.conversations.factories import established
from tests.factories import make_user
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db

LINK = "Send a private message"


def _thread_page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def _link(user) -> str:
    return reverse("conversations:start") + f"?to={user.pk}"


def test_member_sees_send_a_private_message_on_someone_elses_post(client):
    author, reader = established(), established()
    thread = make_thread(author=author)
    client.force_login(reader)
    page = _thread_page(client, thread)
    assert LINK in page
    assert _link(author) in page


def test_no_message_link_on_ones_own_post(client):
    author = established()
    thread = make_thread(author=author)
    client.force_login(author)
    assert LINK not in _thread_page(client, thread)


def test_visitors_get_no_message_link(client):
    thread = make_thread(author=established())
    assert LINK not in _thread_page(client, thread)


@pytest.mark.parametrize(
    "direction", ["reader_blocked_author", "author_blocked_reader"]
)
def test_no_message_link_when_either_side_blocked_the_other(client, direction):
    author, reader = established(), established()
    thread = make_thread(author=author)
    if direction == "reader_blocked_author":
        Block.objects.create(blocker=reader, blocked=author)
    else:
        Block.objects.create(blocker=author, blocked=reader)
    client.force_login(reader)
    page = _thread_page(client, thread)
    assert _link(author) not in page


def test_no_message_link_for_a_former_member(client):
    author, reader = established(), established()
    thread = make_thread(author=author)
    author.is_active = False
    author.save(update_fields=["is_active"])
    client.force_login(reader)
    assert _link(author) not in _thread_page(client, thread)


def test_no_message_link_to_a_professional_who_takes_no_conversations(client):
    pro = make_user("professional", post_count=10, accepts_new_conversations=False)
    reader = established()
    thread = make_thread(author=pro)
    client.force_login(reader)
    assert _link(pro) not in _thread_page(client, thread)


def test_the_link_opens_the_start_page_with_the_author_filled_in(client):
    author, reader = established(), established()
    thread = make_thread(author=author)
    client.force_login(reader)
    _thread_page(client, thread)
    response = client.get(_link(author))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert f'value="{author.profile.display_name}"' in page
    assert "could not find" not in page


@pytest.mark.parametrize(
    "bad", ["abc", "-1", "0", "99999999999999999999", "2147483647", "1%00", ""]
)
def test_start_page_says_clearly_when_the_id_names_nobody(client, bad):
    client.force_login(established())
    response = client.get(reverse("conversations:start"), {"to": bad})
    assert response.status_code == HTTPStatus.OK
    assert "We could not find the member this link names" in (response.content.decode())


def test_start_page_with_many_ids_is_not_an_error(client):
    client.force_login(established())
    response = client.get(
        reverse("conversations:start"), {"to": [str(n) for n in range(1, 500)]}
    )
    assert response.status_code == HTTPStatus.OK


def test_start_page_says_up_front_when_the_author_blocked_the_reader(client):
    author, reader = established(), established()
    Block.objects.create(blocker=author, blocked=reader)
    client.force_login(reader)
    response = client.get(_link(author))
    assert response.status_code == HTTPStatus.OK
    assert "You can&#x27;t write to" in response.content.decode()

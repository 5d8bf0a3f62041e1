"""A form that comes back to the member (a photo without a description, a preview,
a refusal) says what is wrong at its top, each problem a link to its field, and
keeps the photos they chose: the next submit uses them without choosing again.
Through the pages, for a new thread, a reply and a private message."""

import datetime
import io
import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conversations.models import MessageImage
from core.models import KeptPhoto
from forum.models import PostImage, Thread
from tests.conversations.factories import established, make_conversation
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_thread
from tests.forum.test_photos import jpeg, upload

pytestmark = pytest.mark.django_db

ALT = "Red patch on my left forearm"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def member(client):
    user = make_user("member", post_count=20)
    accept_terms(user)
    client.force_login(user)
    return user


def _kept_token(page: str, slot: int = 1) -> str:
    match = re.search(rf'name="kept_{slot}" value="([0-9a-f-]+)"', page)
    assert match, "no kept photo in the slot"
    return match.group(1)


def test_a_photo_without_a_description_is_summed_up_at_the_top_and_kept(client, member):
    board = make_board(slug="morphea")
    url = reverse("forum:thread-create", args=[board.slug])
    data = {
        "title": "Is this patch getting bigger?",
        "body": "It started a month ago.",
        "photo_1": upload(jpeg(), name="arm.jpg"),
        "alt_1": "",
    }
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    # The summary comes before the form, and leads to the field to fix.
    summary = page.index('class="error-summary"')
    assert summary < page.index('<form method="post" class="composer"')
    assert re.search(
        r'<a href="#id_alt_1">Please describe this photo in a few words.</a>', page
    )
    assert "<title>Error: " in page
    # The photo is kept: named in its slot, without choosing it again.
    assert "<strong>arm.jpg</strong> is kept" in page
    token = _kept_token(page)
    assert not Thread.objects.exists()

    data = {"title": data["title"], "body": data["body"], "kept_1": token, "alt_1": ALT}
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    photo = PostImage.objects.get()
    assert photo.alt_text == ALT and photo.post.thread.title == data["title"]
    assert not KeptPhoto.objects.exists()  # used: not kept any longer


def test_a_preview_keeps_the_photos_of_a_reply_and_remove_drops_one(client, member):
    thread = make_thread(title="Tight skin on my arm")
    url = reverse("forum:reply-create", args=[thread.pk])
    response = client.post(
        url,
        {
            "body": "Here is mine.",
            "preview": "1",
            "photo_1": upload(jpeg(), name="one.jpg"),
            "alt_1": "First patch",
            "photo_2": upload(jpeg(), name="two.jpg"),
            "alt_2": "Second patch",
        },
    )
    page = response.content.decode()
    assert "<strong>one.jpg</strong> is kept" in page
    assert "<strong>two.jpg</strong> is kept" in page
    first, second = _kept_token(page, 1), _kept_token(page, 2)
    response = client.post(
        url,
        {
            "body": "Here is mine.",
            "kept_1": first,
            "alt_1": "First patch",
            "kept_2": second,
            "alt_2": "Second patch",
            "forget_2": "on",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert list(PostImage.objects.values_list("alt_text", flat=True)) == ["First patch"]


def test_nobody_posts_another_members_kept_photo(client, member):
    board = make_board(slug="morphea")
    url = reverse("forum:thread-create", args=[board.slug])
    page = client.post(
        url,
        {"title": "My own photo here", "body": "Text.", "photo_1": upload(jpeg())},
    ).content.decode()
    token = _kept_token(page)
    intruder = make_user("member", post_count=20)
    accept_terms(intruder)
    client.force_login(intruder)
    response = client.post(
        url,
        {"title": "Somebody else's", "body": "Text.", "kept_1": token, "alt_1": ALT},
    )
    assert response.status_code == HTTPStatus.OK
    assert "please choose it again" in response.content.decode()
    assert not PostImage.objects.exists()


def test_a_private_message_keeps_its_photo_across_an_error(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    client.force_login(me)
    page = client.post(
        conversation.get_absolute_url(),
        {"body": "Look", "photo_1": upload(jpeg(), name="hand.jpg"), "alt_1": ""},
    ).content.decode()
    assert "<strong>hand.jpg</strong> is kept" in page
    assert 'href="#id_alt_1"' in page
    response = client.post(
        conversation.get_absolute_url(),
        {"body": "Look", "kept_1": _kept_token(page), "alt_1": "My swollen hand"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert MessageImage.objects.get().alt_text == "My swollen hand"


def test_kept_photos_are_forgotten_after_a_day(
    client, member, settings, django_capture_on_commit_callbacks
):
    board = make_board(slug="morphea")
    url = reverse("forum:thread-create", args=[board.slug])
    page = client.post(
        url, {"title": "Kept for a while", "body": "Text.", "photo_1": upload(jpeg())}
    ).content.decode()
    token = _kept_token(page)
    kept = KeptPhoto.objects.get()
    path = settings.PRIVATE_MEDIA_ROOT / kept.image.name
    assert path.exists()
    KeptPhoto.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    response = client.post(
        url,
        {"title": "Kept for a while", "body": "Text.", "kept_1": token, "alt_1": ALT},
    )
    assert "please choose it again" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("forget_kept_photos", stdout=io.StringIO())
    assert not KeptPhoto.objects.exists()
    assert not path.exists()

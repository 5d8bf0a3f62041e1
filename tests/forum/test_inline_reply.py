"""The reply composer at the foot of a thread page is the reply page's composer:
drafts (kept as the member types, or by "Save draft" without JavaScript, offered
back on the thread page, after a session expiry too) and photos with alt text."""

from http import HTTPStatus
from io import BytesIO

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from forum.models import Draft, Post, PostImage
from tests.factories import PASSWORD, make_user
from tests.forum.factories import accept_terms

pytestmark = pytest.mark.django_db

ALT = "Pale shiny patch on my wrist"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def member(db):
    user = make_user("member", email="inline@example.test", post_count=20)
    accept_terms(user)
    return user


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {2: (25.0, 2.0, 0.0), 4: (121.0, 33.0, 0.0)}
    buffer = BytesIO()
    Image.new("RGB", (30, 20), "pink").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def composer(html: str) -> str:
    """The reply section of a thread page."""
    return html.split('id="reply-heading"', 1)[1]


def reply_url(thread) -> str:
    return reverse("forum:reply-create", args=[thread.pk])


def test_the_thread_pages_composer_takes_photos_and_keeps_drafts(
    client, member, thread
):
    client.force_login(member)
    html = composer(client.get(thread.get_absolute_url()).content.decode())
    assert 'enctype="multipart/form-data"' in html
    assert f'data-draft-thread="{thread.pk}"' in html
    assert reverse("forum:draft-save") in html
    for name in ("photo_1", "alt_1", "photo_4", "alt_4", "save_draft"):
        assert f'name="{name}"' in html
    assert 'for="id_alt_1"' in html  # every field has its label
    assert 'name="discard_draft"' not in html  # nothing to discard yet
    assert "forum/forum.js" in client.get(thread.get_absolute_url()).content.decode()


def test_a_visitor_gets_no_composer(client, thread):
    html = composer(client.get(thread.get_absolute_url()).content.decode())
    assert "<form" not in html.split("</section>")[0]
    assert "Log in to reply" in html


def test_a_photo_posted_from_the_thread_page_is_stored_clean(client, member, thread):
    client.force_login(member)
    response = client.post(
        reply_url(thread),
        {
            "from_thread": "1",
            "body": "This is the patch I mentioned.",
            "photo_1": SimpleUploadedFile(
                "wrist.jpg", jpeg_with_gps(), content_type="image/jpeg"
            ),
            "alt_1": ALT,
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    photo = PostImage.objects.get()
    assert photo.post.author == member and photo.alt_text == ALT
    with (
        storages["private"].open(photo.image.name, "rb") as handle,
        Image.open(handle) as image,
    ):
        assert 0x8825 not in image.getexif()
    html = client.get(response["Location"], follow=True).content.decode()
    assert "Sensitive image — show" in html
    assert f'alt="{ALT}"' in html


def test_save_draft_on_the_thread_page_comes_back_there_filled_in(
    client, member, thread
):
    client.force_login(member)
    response = client.post(
        reply_url(thread),
        {"from_thread": "1", "body": "Half a thought", "save_draft": "1"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{thread.get_absolute_url()}#reply-heading"
    assert not Post.objects.filter(body="Half a thought").exists()
    assert Draft.objects.get(author=member, thread=thread).body == "Half a thought"
    response = client.get(thread.get_absolute_url())
    assert response.context["reply_form"]["body"].value() == "Half a thought"
    html = composer(response.content.decode())
    assert "is back" in html
    assert 'name="discard_draft"' in html


def test_the_thread_page_with_a_draft_writes_nothing(client, member, thread):
    client.force_login(member)
    client.post(reply_url(thread), {"body": "Kept", "save_draft": "1"})
    client.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(thread.get_absolute_url())
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_discarding_from_the_thread_page_empties_the_composer(client, member, thread):
    client.force_login(member)
    client.post(reply_url(thread), {"body": "Never mind", "save_draft": "1"})
    response = client.post(
        reply_url(thread),
        {"from_thread": "1", "body": "Never mind", "discard_draft": "1"},
    )
    assert response["Location"] == f"{thread.get_absolute_url()}#reply-heading"
    assert not Draft.objects.exists()
    response = client.get(thread.get_absolute_url())
    assert not response.context["reply_form"]["body"].value()


def test_autosave_then_posting_from_the_thread_page_removes_the_draft(
    client, member, thread
):
    client.force_login(member)
    saved = client.post(
        reverse("forum:draft-save"), {"thread": thread.pk, "body": "Typing…"}
    )
    assert saved.json()["saved"] is True
    assert (
        client.get(thread.get_absolute_url()).context["reply_form"]["body"].value()
        == "Typing…"
    )
    client.post(reply_url(thread), {"from_thread": "1", "body": "Typing… done."})
    assert Post.objects.filter(body="Typing… done.").exists()
    assert not Draft.objects.exists()


def test_a_thread_page_draft_is_back_after_the_session_expires(client, member, thread):
    client.force_login(member)
    client.post(
        reply_url(thread),
        {"from_thread": "1", "body": "Written on the bus", "save_draft": "1"},
    )
    client.session.flush()  # the session ends on the server
    client.cookies.clear()
    html = composer(client.get(thread.get_absolute_url()).content.decode())
    assert "Written on the bus" not in html  # a visitor again
    response = client.post(
        reverse("account_login"),
        {
            "login": member.email,
            "password": PASSWORD,
            "next": thread.get_absolute_url(),
        },
        follow=True,
    )
    assert response.context["reply_form"]["body"].value() == "Written on the bus"


def test_a_draft_stays_private_on_the_thread_page(client, member, thread):
    client.force_login(member)
    client.post(reply_url(thread), {"body": "Only mine", "save_draft": "1"})
    other = make_user("member")
    accept_terms(other)
    client.force_login(other)
    response = client.get(thread.get_absolute_url())
    assert not response.context["reply_form"]["body"].value()
    assert "Only mine" not in response.content.decode()

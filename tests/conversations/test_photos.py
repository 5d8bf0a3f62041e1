"""Photos in private messages: re-encoded like the forum's, kept in the private
storage, shown only to the people in the conversation behind "Sensitive image —
show", held for a new member until a moderator decides, opened by a moderator only
through a report (audited), exported, and removed with a hidden message or the
author's account."""

from http import HTTPStatus
from io import BytesIO

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from conversations.models import Message, MessageImage
from conversations.services import report_message
from core.models import AuditEntry
from core.ratelimits import reset_rate
from members.privacy import delete_account, export_account_data
from tests.conversations.factories import established, make_conversation
from tests.factories import PASSWORD, make_user, reauthenticate

pytestmark = pytest.mark.django_db

PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"
ALT = "The rash on my hand this morning"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def jpeg(size=(40, 30), *, trailer=b"") -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc"
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 4: (0.0, 7.0, 0.0)}
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue() + trailer


def gif(*, trailer=b"") -> bytes:
    buffer = BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue() + trailer


def _files(*pairs, name="photo.jpg") -> dict:
    data = {}
    for n, (content, alt) in enumerate(pairs, start=1):
        data[f"photo_{n}"] = SimpleUploadedFile(name, content, "image/jpeg")
        data[f"alt_{n}"] = alt
    return data


def _send(client, conversation, *pairs, body="Here is how it looks."):
    return client.post(
        conversation.get_absolute_url(), {"body": body, **_files(*pairs)}
    )


def _stored(field) -> bytes:
    with storages["private"].open(field.name, "rb") as handle:
        return handle.read()


@pytest.fixture
def pair():
    me, other = established(), established()
    return me, other, make_conversation(me, other)


# Sending ---------------------------------------------------------------------------


def test_a_photo_is_stored_privately_without_exif_gps_or_payload(
    client, pair, settings
):
    me, _other, conversation = pair
    client.force_login(me)
    response = _send(client, conversation, (jpeg(trailer=PAYLOAD), ALT))
    assert response.status_code == HTTPStatus.FOUND
    photo = MessageImage.objects.get()
    data = _stored(photo.image)
    assert PAYLOAD not in data and b"SpyCam" not in data
    with Image.open(BytesIO(data)) as image:
        assert 0x8825 not in image.getexif()
    assert photo.alt_text == ALT and not photo.held
    assert photo.image.name.startswith("message-photos/")
    assert (settings.PRIVATE_MEDIA_ROOT / photo.image.name).exists()
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))


def test_a_new_conversation_can_carry_photos(client):
    me, other = established(), established()
    client.force_login(me)
    data = {"to": other.profile.display_name, "body": "Look", **_files((jpeg(), ALT))}
    response = client.post(reverse("conversations:start"), data)
    assert response.status_code == HTTPStatus.FOUND
    assert MessageImage.objects.get().message.conversation.participants.count() == 2


@pytest.mark.parametrize(
    ("content", "alt", "error"),
    [
        (b"<svg onload=alert(1)></svg>", ALT, "could not be read"),
        (gif(trailer=PAYLOAD), ALT, "not a JPEG, PNG or WebP"),
        (b"GIF89a" + PAYLOAD, ALT, "could not be read"),
        (PAYLOAD, ALT, "could not be read"),
        (jpeg(), "", "Please describe this photo"),
    ],
)
def test_hostile_or_undescribed_uploads_are_refused_and_nothing_is_stored(
    client, pair, content, alt, error
):
    me, _other, conversation = pair
    client.force_login(me)
    response = _send(client, conversation, (content, alt), body="Look at this")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert error in page.replace("&#x27;", "'")
    assert "Look at this" in page  # the text is kept on the form
    assert not MessageImage.objects.exists()
    assert Message.objects.filter(body="Look at this").count() == 0


def test_oversized_and_too_many_photos_are_refused(client, pair, settings):
    me, _other, conversation = pair
    client.force_login(me)
    settings.CONVERSATIONS_PHOTOS_PER_MESSAGE = 2
    response = _send(client, conversation, *[(jpeg(), ALT)] * 3)
    assert "at most 2 photos to a message" in response.content.decode()
    settings.PHOTO_MAX_BYTES = 100
    response = _send(client, conversation, (jpeg(), ALT))
    assert "at most 0 MB" in response.content.decode()
    assert not MessageImage.objects.exists()


# Seeing ----------------------------------------------------------------------------


def test_participants_see_the_photo_folded_and_can_open_it(client, pair):
    me, other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    client.force_login(other)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "Sensitive image — show" in page
    assert f'alt="{ALT}"' in page
    for name in ("conversations:photo", "conversations:photo-thumb"):
        response = client.get(reverse(name, args=[photo.pk]))
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_non_participants_and_moderators_without_a_report_get_404(client, pair):
    me, _other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    url = reverse("conversations:photo", args=[photo.pk])
    for outsider in (established(), make_user("moderator")):
        client.force_login(outsider)
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    assert client.get(url).status_code == HTTPStatus.FOUND  # to the login page


def test_someone_who_left_no_longer_gets_the_photo(client, pair):
    me, other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    client.force_login(other)
    client.post(reverse("conversations:leave", args=[conversation.pk]))
    url = reverse("conversations:photo", args=[photo.pk])
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


# Held for a new member -------------------------------------------------------------


def test_a_new_members_photo_waits_for_a_moderator(client):
    newcomer, other = make_user("member"), established()
    conversation = make_conversation(other, newcomer)
    client.force_login(newcomer)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    assert photo.held
    url = reverse("conversations:photo", args=[photo.pk])
    assert client.get(url).status_code == HTTPStatus.OK  # the sender sees it
    client.force_login(other)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "A photo waits for a moderator" in page and ALT not in page
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND

    moderator = make_user("moderator")
    client.force_login(moderator)
    reauthenticate(client)
    queue = client.get(reverse("conversations:held-photos")).content.decode()
    assert ALT in queue and "Here is how it looks." not in queue  # photo, not text
    assert client.get(url).status_code == HTTPStatus.OK
    client.post(
        reverse("conversations:held-photo-decide", args=[photo.pk]),
        {"decision": "approve"},
    )
    photo.refresh_from_db()
    assert not photo.held
    assert AuditEntry.objects.filter(
        action="message_photo.approve", actor=moderator
    ).exists()
    client.force_login(other)
    assert client.get(url).status_code == HTTPStatus.OK


def test_a_refused_photo_is_removed_with_its_files(
    client, django_capture_on_commit_callbacks
):
    newcomer, other = make_user("member"), established()
    conversation = make_conversation(other, newcomer)
    client.force_login(newcomer)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    client.force_login(make_user("moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("conversations:held-photo-decide", args=[photo.pk]),
            {"decision": "refuse"},
        )
    assert not MessageImage.objects.exists()
    assert not storages["private"].exists(photo.image.name)
    assert not storages["private"].exists(photo.thumbnail.name)


def test_members_cannot_use_the_held_photo_queue(client):
    client.force_login(established())
    response = client.get(reverse("conversations:held-photos"))
    assert response.status_code == HTTPStatus.FORBIDDEN


# Moderators through a report -------------------------------------------------------


def test_a_moderator_opens_a_reported_messages_photo_only_through_the_report(
    client, pair
):
    me, other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    report = report_message(photo.message, actor=other, reason="Not wanted")
    moderator = make_user("moderator")
    client.force_login(moderator)
    reauthenticate(client)
    detail = client.get(reverse("conversations:report-detail", args=[report.pk]))
    url = reverse("conversations:report-photo", args=[report.pk, photo.pk])
    assert f'<form method="post" action="{url}">' in detail.content.decode()
    assert (
        client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    )  # no write on GET
    assert not AuditEntry.objects.filter(action="message_photo.view").exists()
    response = client.post(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="message_photo.view")
    assert entry.actor == moderator
    assert entry.after == {"report": report.pk, "photo": photo.pk}

    # Another report does not open this message's photos.
    other_report = report_message(
        conversation.messages.order_by("pk").first(), actor=other, reason="Also"
    )
    wrong = reverse("conversations:report-photo", args=[other_report.pk, photo.pk])
    assert client.post(wrong).status_code == HTTPStatus.NOT_FOUND
    client.force_login(established())
    assert client.post(url).status_code == HTTPStatus.FORBIDDEN


# Hidden, exported, erased ----------------------------------------------------------


def test_hiding_the_message_removes_its_photos(
    client, pair, django_capture_on_commit_callbacks
):
    me, other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    report = report_message(photo.message, actor=other, reason="Graphic")
    client.force_login(make_user("moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("conversations:message-hide", args=[photo.message_id]),
            {"reason": "Graphic picture", "report": report.pk},
        )
    assert not MessageImage.objects.exists()
    assert not storages["private"].exists(photo.image.name)


def test_the_export_lists_photos_and_deletion_removes_the_files(
    client, pair, django_capture_on_commit_callbacks
):
    me, other, conversation = pair
    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    photo = MessageImage.objects.get()
    data = export_account_data(other)["conversations"]
    listed = [p for m in data[0]["messages"] for p in m["photos"]]
    assert listed[0]["description"] == ALT
    assert listed[0]["address"] == reverse("conversations:photo", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(me, password=PASSWORD, mode="keep")
    assert not MessageImage.objects.exists()
    assert not storages["private"].exists(photo.image.name)


def test_photos_do_not_add_queries_per_message(client, pair):
    me, other, conversation = pair
    client.force_login(other)
    url = conversation.get_absolute_url()

    def queries() -> int:
        client.get(url)  # warm, and mark read
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == HTTPStatus.OK
        return len(captured)

    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    client.force_login(other)
    one = queries()
    client.force_login(me)
    for n in range(3):
        reset_rate("message", me)
        _send(client, conversation, (jpeg(), ALT), (jpeg(), ALT), body=f"More {n}")
    assert MessageImage.objects.count() == 7
    client.force_login(other)
    assert queries() == one
    page = client.get(url).content.decode()
    assert page.count('<details class="sensitive-photo">') == 7


def test_the_held_photo_queue_and_a_report_page_run_a_fixed_number_of_queries(client):
    moderator = make_user("moderator")

    def queries(url) -> int:
        client.force_login(moderator)
        reauthenticate(client)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == HTTPStatus.OK
        return len(captured)

    newcomer, other = make_user("member"), established()
    conversation = make_conversation(other, newcomer)
    client.force_login(newcomer)
    _send(client, conversation, (jpeg(), ALT))
    queue = reverse("conversations:held-photos")
    one = queries(queue)
    report = report_message(
        conversation.messages.order_by("created_at").last(), actor=other, reason="Odd"
    )
    detail = reverse("conversations:report-detail", args=[report.pk])
    client.force_login(moderator)
    reauthenticate(client)
    one_report = queries(detail)

    for n in range(3):
        client.force_login(newcomer)
        reset_rate("message", newcomer)
        _send(client, conversation, (jpeg(), ALT), (jpeg(), ALT), body=f"More {n}")
    assert MessageImage.objects.filter(held=True).count() == 7
    assert queries(queue) == one
    later = report_message(
        conversation.messages.order_by("created_at").last(), actor=other, reason="Odd"
    )
    detail = reverse("conversations:report-detail", args=[later.pk])
    assert queries(detail) == one_report


def test_reading_a_reported_conversation_runs_a_fixed_number_of_queries(client, pair):
    me, other, conversation = pair
    moderator = make_user("moderator")

    def queries(report) -> int:
        client.force_login(moderator)
        reauthenticate(client)
        url = reverse("conversations:report-detail", args=[report.pk])
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                url, {"reason": "Checking the context", "scope": "whole"}
            )
        assert response.status_code == HTTPStatus.OK
        assert response.context["message_list"]
        return len(captured)

    client.force_login(me)
    _send(client, conversation, (jpeg(), ALT))
    first = report_message(conversation.messages.last(), actor=other, reason="a")
    queries(first)  # warm: content types, permissions
    one = queries(first)
    for n in range(4):
        client.force_login(me)
        reset_rate("message", me)
        _send(client, conversation, (jpeg(), ALT), body=f"Again {n}")
    later = conversation.messages.order_by("created_at").last()
    assert queries(report_message(later, actor=other, reason="b")) == one

"""Photos in posts: re-encoded (EXIF/GPS gone, orientation applied, resized), stored
through the storage API, shown to members only behind "Sensitive image — show",
held for a new member, exported, and removed with the post."""

from http import HTTPStatus
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forum.models import Post, PostImage
from forum.services import delete_post
from forum.services.images import prepare_photos
from members.privacy import export_account_data
from search.models import SearchEntry
from tests.factories import make_user
from tests.forum.factories import accept_terms

pytestmark = pytest.mark.django_db

PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"
ALT = "Red patch on my left forearm"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def jpeg(size=(40, 30), *, gps=True, orientation=None, trailer=b"") -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc"
    if gps:
        exif[0x8825] = {2: (51.0, 30.0, 0.0), 4: (0.0, 7.0, 0.0)}
    if orientation:
        exif[0x0112] = orientation
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue() + trailer


def upload(content: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.fixture
def regular(db):
    """A member past the new-member limits: their photos are published at once."""
    user = make_user("member", post_count=20)
    accept_terms(user)
    return user


def reply_with(client, thread, *files_and_alts, body="Here is how it looks now."):
    data = {"body": body}
    for n, (content, alt) in enumerate(files_and_alts, start=1):
        data[f"photo_{n}"] = upload(content)
        data[f"alt_{n}"] = alt
    return client.post(reverse("forum:reply-create", args=[thread.pk]), data)


def stored(field) -> bytes:
    with storages["private"].open(field.name, "rb") as handle:
        return handle.read()


# Processing ------------------------------------------------------------------------


def test_a_photo_is_stored_without_exif_gps_or_payload(client, regular, thread):
    client.force_login(regular)
    response = reply_with(client, thread, (jpeg(trailer=PAYLOAD), ALT))
    assert response.status_code == HTTPStatus.FOUND
    photo = PostImage.objects.get()
    data = stored(photo.image)
    assert PAYLOAD not in data
    assert b"SpyCam" not in data
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert 0x8825 not in exif and 0x010F not in exif
    assert photo.alt_text == ALT
    assert photo.image.name.startswith("forum-photos/")


def test_photos_are_kept_where_the_web_server_publishes_nothing(
    client, regular, thread, settings
):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    private = settings.PRIVATE_MEDIA_ROOT
    assert (private / photo.image.name).exists()
    assert (private / photo.thumbnail.name).exists()
    assert (
        not any(settings.MEDIA_ROOT.rglob("*"))
        if settings.MEDIA_ROOT.exists()
        else True
    )
    with pytest.raises(ValueError, match="not accessible via a URL"):
        photo.image.url  # noqa: B018 (no public address at all)


def test_orientation_is_applied_and_large_photos_are_resized(settings, regular):
    settings.FORUM_PHOTO_MAX_SIDE = 100
    settings.FORUM_PHOTO_THUMB_SIDE = 20
    [prepared] = prepare_photos([(upload(jpeg((300, 200), orientation=6)), ALT)])
    with Image.open(prepared.image) as image:
        assert image.size == (67, 100)  # turned upright, then fitted in 100
    with Image.open(prepared.thumbnail) as thumb:
        assert max(thumb.size) == 20


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a" + PAYLOAD, "cat.jpg"),  # wrong type
        (PAYLOAD, "photo.jpg"),  # not an image at all
        (b"\xff\xd8\xff\xe0" + PAYLOAD, "polyglot.jpg"),  # a JPEG header, then HTML
        (b"%PDF-1.4\n" + PAYLOAD, "scan.png"),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_posted(
    client, regular, thread, content, name
):
    client.force_login(regular)
    before = Post.objects.count()
    data = {"body": "Look", "photo_1": upload(content, name), "alt_1": ALT}
    response = client.post(reverse("forum:reply-create", args=[thread.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert Post.objects.count() == before
    assert not PostImage.objects.exists()


def test_a_photo_over_10_mb_is_refused_before_processing(client, regular, thread):
    client.force_login(regular)
    huge = jpeg() + b"\0" * (10 * 1024 * 1024)
    response = reply_with(client, thread, (huge, ALT))
    assert response.status_code == HTTPStatus.OK
    assert "10 MB" in response.content.decode()
    assert not PostImage.objects.exists()


def test_alt_text_is_required(client, regular, thread):
    client.force_login(regular)
    response = reply_with(client, thread, (jpeg(), "  "))
    assert response.status_code == HTTPStatus.OK
    assert "alt_1" in response.context["form"].errors
    assert not PostImage.objects.exists()


def test_at_most_four_photos():
    with pytest.raises(ValidationError):
        prepare_photos([(upload(jpeg()), ALT)] * 5)


# Who sees them -------------------------------------------------------------------


def test_members_see_photos_behind_a_sensitive_image_link(client, regular, thread):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Sensitive image — show" in html
    assert reverse("forum:photo-thumb", args=[photo.pk]) in html
    response = client.get(reverse("forum:photo", args=[photo.pk]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_visitors_never_get_a_photo_or_its_description(client, regular, thread):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    client.logout()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "shown to signed-in members" in html
    assert ALT not in html
    assert reverse("forum:photo", args=[photo.pk]) not in html
    response = client.get(reverse("forum:photo", args=[photo.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_photos_stay_out_of_search_excerpts_and_link_previews(client, regular, thread):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT), body="Plain words only")
    post = PostImage.objects.get().post
    assert ALT not in post.body_html
    entry = SearchEntry.objects.get(post=post)
    assert "Plain words only" in entry.body
    assert ALT not in f"{entry.title} {entry.summary} {entry.body}"
    html = client.get(thread.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "forum-photos" not in head and "og:image" not in head


def test_a_new_members_photos_wait_for_a_moderator(client, thread):
    newcomer = make_user("member", post_count=2)
    accept_terms(newcomer)
    client.force_login(newcomer)
    reply_with(client, thread, (jpeg(), ALT), body="No links, only a photo")
    post = Post.objects.get(images__isnull=False)
    assert post.status == Post.Status.PENDING
    assert "photos" in post.held_for
    other = make_user("member")
    client.force_login(other)
    response = client.get(reverse("forum:photo", args=[post.images.get().pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND


# Export and deletion ---------------------------------------------------------------


def test_the_export_lists_own_photos(client, regular, thread):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photos = export_account_data(regular)["forum_photos"]
    assert [p["description"] for p in photos] == [ALT]
    assert export_account_data(make_user("member"))["forum_photos"] == []


def test_deleting_the_post_removes_its_files(
    client, regular, thread, django_capture_on_commit_callbacks
):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    names = [photo.image.name, photo.thumbnail.name]
    assert all(storages["private"].exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        delete_post(photo.post, actor=regular)
    assert not PostImage.objects.exists()
    assert not any(storages["private"].exists(name) for name in names)

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
from PIL import Image, PngImagePlugin

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
    settings.PHOTO_MAX_SIDE = 100
    settings.PHOTO_THUMB_SIDE = 20
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


# More hostile files: each stored file is read back ---------------------------------


def png_with(payload: bytes, *, size=(24, 16)) -> bytes:
    """A real PNG that carries `payload` in a text chunk and GPS in its EXIF."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", payload.decode())
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}
    buffer = BytesIO()
    Image.new("RGBA", size, "teal").save(buffer, format="PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def webp_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc"
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}
    buffer = BytesIO()
    Image.new("RGB", (24, 16), "navy").save(buffer, format="WEBP", exif=exif)
    return buffer.getvalue() + PAYLOAD


def jpeg_with_comment() -> bytes:
    """A valid JPEG whose comment segment is an HTML page (a JPEG/HTML polyglot)."""
    buffer = BytesIO()
    Image.new("RGB", (24, 16), "olive").save(buffer, format="JPEG", comment=PAYLOAD)
    assert PAYLOAD in buffer.getvalue()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (png_with(PAYLOAD + b"SpyCam"), "png"),
        (webp_with_gps(), "webp"),
        (jpeg_with_comment(), "jpg"),
    ],
    ids=["png-text-chunk", "webp-exif-and-trailer", "jpeg-comment-polyglot"],
)
def test_valid_images_carrying_payloads_are_stored_clean(
    client, regular, thread, content, extension
):
    client.force_login(regular)
    response = reply_with(client, thread, (content, ALT))
    assert response.status_code == HTTPStatus.FOUND
    photo = PostImage.objects.get()
    assert photo.image.name.endswith(f".{extension}")
    for field in (photo.image, photo.thumbnail):
        data = stored(field)
        assert b"<script" not in data and b"SpyCam" not in data
        with Image.open(BytesIO(data)) as image:
            assert 0x8825 not in image.getexif()
            assert "Comment" not in image.info and "comment" not in image.info
    served = client.get(reverse("forum:photo", args=[photo.pk]))
    assert (
        served["Content-Type"] == f"image/{'jpeg' if extension == 'jpg' else extension}"
    )
    assert b"<script" not in b"".join(served.streaming_content)


def test_an_svg_named_like_a_photo_is_refused(client, regular, thread):
    client.force_login(regular)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    data = {
        "body": "Look",
        "photo_1": SimpleUploadedFile("patch.png", svg, content_type="image/png"),
        "alt_1": ALT,
    }
    response = client.post(reverse("forum:reply-create", args=[thread.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert "could not be read" in response.content.decode()
    assert not Post.objects.filter(body="Look").exists()
    assert not PostImage.objects.exists()


def test_a_decompression_bomb_is_refused_without_an_error_page(client, regular, thread):
    buffer = BytesIO()
    Image.new("1", (9000, 5000)).save(buffer, format="PNG")  # 45 Mpx in a few kB
    assert len(buffer.getvalue()) < 100_000
    client.force_login(regular)
    response = reply_with(client, thread, (buffer.getvalue(), ALT))
    assert response.status_code == HTTPStatus.OK
    assert "too many pixels" in response.content.decode()
    assert not PostImage.objects.exists()


# Moderators see a held post's photos; hiding hides the whole post -------------------


@pytest.fixture
def held_photo(client, thread):
    newcomer = make_user("member", post_count=0, display_name="Newcomer")
    accept_terms(newcomer)
    client.force_login(newcomer)
    reply_with(client, thread, (jpeg(), ALT), body="My first post, with a photo")
    photo = PostImage.objects.get()
    assert photo.post.status == Post.Status.PENDING
    return photo


def test_the_queue_and_the_review_page_show_a_held_posts_photos(client, held_photo):
    client.force_login(make_user("moderator"))
    thumb = reverse("forum:photo-thumb", args=[held_photo.pk])
    for url in (
        reverse("forum:moderation-queue") + "?show=pending",
        reverse("forum:moderation-post", args=[held_photo.post_id]),
    ):
        html = client.get(url).content.decode()
        assert f'src="{thumb}"' in html, url
        assert f'alt="{ALT}"' in html, url
        assert f"Description: {ALT}" in html, url
    response = client.get(thumb)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/jpeg"


def test_approving_a_held_post_shows_its_photos_to_members(client, held_photo):
    client.force_login(make_user("moderator"))
    response = client.post(
        reverse("forum:moderation-post", args=[held_photo.post_id]),
        {"action": "approve"},
    )
    assert response.status_code == HTTPStatus.FOUND
    client.force_login(make_user("member"))
    url = reverse("forum:photo", args=[held_photo.pk])
    assert client.get(url).status_code == HTTPStatus.OK


def test_hiding_a_post_hides_its_photos_too(client, regular, thread):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    reader = make_user("member")
    client.force_login(reader)
    url = reverse("forum:photo", args=[photo.pk])
    assert client.get(url).status_code == HTTPStatus.OK
    client.force_login(make_user("moderator"))
    client.post(
        reverse("forum:moderation-post", args=[photo.post_id]),
        {"action": "hide", "reason": "Please keep photos on topic."},
    )
    assert client.get(url).status_code == HTTPStatus.OK  # moderators still see it
    client.force_login(reader)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    html = client.get(thread.get_absolute_url()).content.decode()
    assert ALT not in html
    client.force_login(regular)  # its author still sees their hidden post
    assert client.get(url).status_code == HTTPStatus.OK


def test_reports_auto_hide_the_post_with_its_photos(client, settings, regular, thread):
    settings.FORUM_AUTO_HIDE_REPORTS = 2
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    for _ in range(2):
        reporter = make_user("member")
        accept_terms(reporter)
        client.force_login(reporter)
        client.post(
            reverse("forum:post-report", args=[photo.post_id]),
            {"reason": "personal", "note": "A face is visible"},
        )
    photo.post.refresh_from_db()
    assert photo.post.status == Post.Status.HIDDEN
    client.force_login(make_user("member"))
    response = client.get(reverse("forum:photo-thumb", args=[photo.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    client.force_login(make_user("moderator"))
    html = client.get(
        reverse("forum:moderation-queue") + "?show=hidden"
    ).content.decode()
    assert reverse("forum:photo-thumb", args=[photo.pk]) in html

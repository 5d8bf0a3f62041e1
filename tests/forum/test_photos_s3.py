"""Members' photos in object storage: written to the private bucket (never to the
node's disk), streamed only by the site's permission-checked view, readable from
any app node because no node keeps them."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from forum.models import PostImage
from tests.factories import make_user
from tests.forum.factories import accept_terms
from tests.forum.test_photos import ALT, jpeg, reply_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def regular(db):
    user = make_user("member", post_count=20)
    accept_terms(user)
    return user


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_posted_photo_lives_in_the_private_bucket_only(
    client, regular, thread, s3, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(regular)
    response = reply_with(client, thread, (jpeg(), ALT))
    assert response.status_code == HTTPStatus.FOUND
    photo = PostImage.objects.get()
    assert s3.keys(s3.private) == sorted([photo.image.name, photo.thumbnail.name])
    assert s3.keys(s3.media) == []
    assert not (tmp_path / "private").exists()
    with pytest.raises(ValueError, match="not accessible via a URL"):
        photo.image.url  # noqa: B018 (not even a signed address)


def test_another_node_streams_the_photo_to_a_member_and_nobody_else(
    client, regular, thread, s3
):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    other_node = Client()  # a fresh client: nothing shared but database and bucket
    other_node.force_login(make_user("member"))
    response = other_node.get(reverse("forum:photo", args=[photo.pk]))
    assert response.status_code == HTTPStatus.OK
    assert body(response) == s3.read(s3.private, photo.image.name)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"
    visitor = Client().get(reverse("forum:photo", args=[photo.pk]))
    assert visitor.status_code == HTTPStatus.FOUND  # to log in, no bytes
    assert not getattr(visitor, "streaming", False)


def test_a_photo_missing_from_the_bucket_is_a_404_not_a_500(
    client, regular, thread, s3
):
    client.force_login(regular)
    reply_with(client, thread, (jpeg(), ALT))
    photo = PostImage.objects.get()
    s3.client.delete_object(Bucket=s3.private, Key=photo.image.name)
    response = client.get(reverse("forum:photo", args=[photo.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND

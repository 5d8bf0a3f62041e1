"""Public uploads in object storage with plain (CDN) addresses, and the command that
moves a one-machine site's files into the buckets and checks every copy."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from articles import services
from tests.articles.factories import content
from tests.articles.test_services_editing import PNG
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_hero_image_goes_to_the_media_bucket_with_a_cdn_address(s3):
    article = services.create_article(
        actor=make_user("editor"),
        content=content(hero_alt="Ointment on a fingertip"),
        hero_upload=SimpleUploadedFile("hero.png", PNG, content_type="image/png"),
    )
    assert s3.keys(s3.media) == [article.hero_image.name]
    assert (
        article.hero_image.url == f"https://cdn.example.org/{article.hero_image.name}"
    )
    assert s3.keys(s3.private) == []


@pytest.fixture
def local_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    files = {
        settings.MEDIA_ROOT / "articles/heroes/2026/hero.png": b"hero bytes",
        settings.PRIVATE_MEDIA_ROOT / "forum-photos/a1b2.jpg": b"photo bytes",
        settings.PRIVATE_MEDIA_ROOT / "message-photos/c3d4.jpg": b"message photo",
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def test_copy_moves_every_file_under_its_own_name_and_verifies_it(
    s3, local_files, capsys
):
    call_command("copy_files_to_storage")
    assert s3.keys(s3.media) == ["articles/heroes/2026/hero.png"]
    assert s3.keys(s3.private) == ["forum-photos/a1b2.jpg", "message-photos/c3d4.jpg"]
    assert s3.read(s3.private, "message-photos/c3d4.jpg") == b"message photo"
    assert "copied and verified 2" in capsys.readouterr().out
    call_command("copy_files_to_storage")  # again: nothing copied twice
    out = capsys.readouterr().out
    assert "copied and verified 0, already there 2" in out
    assert len(s3.keys(s3.private)) == 2


def test_copy_never_overwrites_a_different_file_and_fails_loudly(s3, local_files):
    s3.client.put_object(Bucket=s3.private, Key="forum-photos/a1b2.jpg", Body=b"other")
    with pytest.raises(CommandError, match="1 file"):
        call_command("copy_files_to_storage")
    assert s3.read(s3.private, "forum-photos/a1b2.jpg") == b"other"
    digest = hashlib.sha256(b"message photo").hexdigest()
    copied = s3.read(s3.private, "message-photos/c3d4.jpg")
    assert hashlib.sha256(copied).hexdigest() == digest


def test_a_dry_run_copies_nothing(s3, local_files, capsys):
    call_command("copy_files_to_storage", "--dry-run")
    assert s3.keys(s3.private) == []
    assert "would copy 2" in capsys.readouterr().out

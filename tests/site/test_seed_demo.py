"""seed_demo: demo accounts and content, idempotent, refuses production."""

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from members.models import User

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("members", "sclero_site", "articles", "forum")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_creates_the_four_verified_demo_accounts(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    expectations = {
        "member@demo.test": {"Members"},
        "pro@demo.test": {"Members", "Health professionals"},
        "editor@demo.test": {"Members", "Editors"},
        "moderator@demo.test": {"Members", "Moderators"},
    }
    for email, groups in expectations.items():
        user = User.objects.get(email=email)
        assert user.check_password("demo-password-1")
        assert set(user.groups.values_list("name", flat=True)) == groups
        assert EmailAddress.objects.get(user=user).verified
    pro = User.objects.get(email="pro@demo.test").profile
    assert pro.verified_professional and pro.specialty == "Dermatology"
    out = capsys.readouterr().out
    assert "member@demo.test" in out and "demo-password-1" in out


def test_seed_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = row_counts()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("seed_demo")
    assert row_counts() == first
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_seed_demo_refuses_when_debug_is_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.filter(email="member@demo.test").exists()
    call_command("seed_demo", "--force")
    assert User.objects.filter(email="member@demo.test").exists()


def test_the_demo_has_members_only_threads_a_held_photo_and_a_reported_message(
    client, settings
):
    from conversations.models import MessageImage
    from forum.models import Thread

    settings.DEBUG = True
    call_command("seed_demo")
    threads = {
        "en": Thread.objects.get(
            title="Telling my partner how tired I really am (members only)"
        ),
        "zh-hant": Thread.objects.get(
            title="想跟家人說我其實很累，該怎麼開口？（限會員）"
        ),
    }
    opening = {"en": "I keep saying I'm fine.", "zh-hant": "這件事比較私人"}
    for language, thread in threads.items():
        assert thread.members_only
        assert thread.board.language == language
        # A visitor sees neither the thread in its board nor its text.
        client.logout()
        board_page = client.get(thread.board.get_absolute_url()).content.decode()
        assert thread.title not in board_page
        assert (
            opening[language]
            not in client.get(thread.get_absolute_url()).content.decode()
        )
        # The demo member does.
        client.force_login(User.objects.get(email="member@demo.test"))
        board_page = client.get(thread.board.get_absolute_url()).content.decode()
        assert thread.title in board_page
        page = client.get(thread.get_absolute_url())
        assert page.status_code == 200
        assert opening[language] in page.content.decode()

    # The newcomer's photo waits: the member it was sent to does not see it yet...
    photo = MessageImage.objects.get(held=True)
    assert photo.uploader.email == "ash@demo.test"
    assert client.get(reverse("conversations:photo", args=[photo.pk])).status_code in (
        403,
        404,
    )
    # ...the moderator finds it in the photo queue and the reported message in theirs.
    client.force_login(User.objects.get(email="moderator@demo.test"))
    held = client.get(reverse("conversations:held-photos")).content.decode()
    assert "A pale oval patch of skin on a forearm" in held
    assert "Ash (demo newcomer)" in held
    reports = client.get(reverse("conversations:report-queue")).content.decode()
    assert "Message by Dee (demo)" in reports
    assert "Selling a &#x27;cure&#x27;" in reports

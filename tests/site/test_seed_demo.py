"""seed_demo: demo accounts and content, idempotent, refuses production."""

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import CommandError, call_command

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

"""The forum's settings object: defaults written once, read at call time."""

import os
import subprocess
import sys
from datetime import timedelta

from core.conf import site_settings
from forum.conf import app_settings


def test_defaults_when_nothing_is_set(settings):
    for name in ("FORUM_NEW_MEMBER_POSTS", "FORUM_DUPLICATE_SECONDS"):
        if hasattr(settings, name):
            delattr(settings, name)
    assert app_settings.NEW_MEMBER_POSTS == 5
    assert timedelta(seconds=300) == app_settings.DUPLICATE_WINDOW


def test_settings_are_read_at_call_time(settings):
    settings.FORUM_POSTS_PER_PAGE = 7
    settings.FORUM_DELETED_TEXT_DAYS = 2
    settings.SITE_URL = "https://sclero.example"
    assert app_settings.POSTS_PER_PAGE == 7
    assert timedelta(days=2) == app_settings.DELETED_TEXT_RETENTION
    assert site_settings.URL == "https://sclero.example"


def test_the_environment_overrides_a_default():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='sclero_site.settings';"
        "django.setup(); from forum.conf import app_settings as s;"
        "print(s.THREADS_PER_PAGE, s.EMAIL_MODERATORS_ON_REPORT)"
    )
    env = {"FORUM_THREADS_PER_PAGE": "11", "FORUM_EMAIL_MODERATORS_ON_REPORT": "true"}
    out = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["11", "True"]

"""Disclaimer versions in each language: editors add a version's translation in the
admin; a thread shows the version it recorded in the reader's language when that
version has a translation, else the original with a note."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from core import disclaimers
from core.languages import Language
from core.models import AuditEntry, Disclaimer, DisclaimerTranslation
from tests.core.test_disclaimers import inline_management_data
from tests.factories import make_user
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db

ZH = Language.TRADITIONAL_CHINESE
UNTRANSLATED_NOTE = "disclaimer-untranslated"


def _forum() -> Disclaimer:
    return Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)


def _path(thread, language: str) -> str:
    with translation.override(language):
        return thread.get_absolute_url()


@pytest.fixture
def forum_v1_in_chinese(django_capture_on_commit_callbacks):
    """The forum disclaimer's first version, published with its Chinese text."""
    editor = make_user("editor")
    disclaimer = _forum()
    with django_capture_on_commit_callbacks(execute=True):
        version = disclaimers.publish_version(
            disclaimer, body="Members are not doctors.", major=True, actor=editor
        )
        disclaimers.translate_version(
            version,
            language=ZH,
            name="論壇免責聲明",
            body="會員並非醫師。",
            actor=editor,
        )
    return version


def test_an_editor_adds_a_chinese_translation_in_the_admin(
    client, django_capture_on_commit_callbacks
):
    editor = make_user("editor")
    client.force_login(editor)
    disclaimer = _forum()
    url = reverse("admin:core_disclaimer_change", args=[disclaimer.pk])
    page = client.get(url).content.decode()
    assert 'name="translation_body"' in page
    # The first version came with its Chinese text (core/migrations/0003).
    assert DisclaimerTranslation.objects.filter(
        version=disclaimer.current_version, language=ZH
    ).exists()
    before = DisclaimerTranslation.objects.count()
    data = {
        "name": disclaimer.name,
        "scope": disclaimer.scope,
        "new_version_body": "Members share **their own** experience.",
        "change_note": "Clearer",
        "translation_language": ZH,
        "translation_name": "論壇免責聲明",
        "translation_body": "會員分享的是**個人經驗**，不是醫療建議。",
        **inline_management_data(disclaimer),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    disclaimer.refresh_from_db()
    added = DisclaimerTranslation.objects.get(version=disclaimer.current_version)
    assert added.language == ZH
    assert added.created_by == editor
    assert "<strong>個人經驗</strong>" in str(added.body_html)
    assert AuditEntry.objects.filter(action="disclaimer.translate").exists()
    # The version list says which languages a version has.
    assert "繁體中文" in client.get(url).content.decode()
    assert disclaimer.current_version.label == "v1.1"
    # Translating the same version again is a form error, nothing changes.
    data.update(inline_management_data(disclaimer))
    data.update(new_version_body="", translation_body="另一種說法。")
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "already has a translation in that language" in response.content.decode()
    assert DisclaimerTranslation.objects.count() == before + 1


def test_the_admin_asks_for_the_language_and_the_text_together(client):
    client.force_login(make_user("editor"))
    disclaimer = _forum()
    url = reverse("admin:core_disclaimer_change", args=[disclaimer.pk])
    response = client.post(
        url,
        {
            "name": disclaimer.name,
            "scope": disclaimer.scope,
            "translation_body": "沒有選語言。",
            **inline_management_data(disclaimer),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Choose the language of the translation." in response.content.decode()
    assert not DisclaimerTranslation.objects.filter(body="沒有選語言。").exists()


def test_only_editors_may_translate_and_never_into_the_original_language():
    version = _forum().current_version
    with pytest.raises(PermissionDenied):
        disclaimers.translate_version(
            version, language=ZH, body="x", actor=make_user("moderator")
        )
    with pytest.raises(ValidationError):
        disclaimers.translate_version(
            version, language="en", body="x", actor=make_user("editor")
        )


def test_a_thread_shows_its_recorded_version_in_the_readers_language(
    client, forum_v1_in_chinese
):
    thread = make_thread()
    english = client.get(_path(thread, "en")).content.decode()
    assert "Members are not doctors." in english
    assert "會員並非醫師。" not in english
    assert UNTRANSLATED_NOTE not in english
    chinese = client.get(_path(thread, ZH)).content.decode()
    assert "論壇免責聲明" in chinese
    assert (
        '<div class="disclaimer-text" lang="zh-Hant"><p>會員並非醫師。</p>' in chinese
    )
    assert "Members are not doctors." not in chinese


def test_a_version_without_translation_shows_the_original_with_a_note(
    client, forum_v1_in_chinese, django_capture_on_commit_callbacks
):
    old_thread = make_thread()
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            _forum(), body="Version two, English only.", major=False, actor=None
        )
    new_thread = make_thread()
    chinese = client.get(_path(new_thread, ZH)).content.decode()
    assert '<div class="disclaimer-text" lang="en"><p>Version two, English only.' in (
        chinese
    )
    assert UNTRANSLATED_NOTE in chinese
    # The old thread keeps the version it recorded, and its translation.
    chinese = client.get(_path(old_thread, ZH)).content.decode()
    assert "會員並非醫師。" in chinese
    assert "Version two" not in chinese

"""The library's own diagrams: static SVG files made in the repository, shown on an
article with a translated description and caption, chosen in the editor."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from articles import demo, services
from articles.illustrations import ILLUSTRATIONS
from articles.models import Article
from members import demo as member_demo
from tests.articles.factories import content, make_article, make_channel
from tests.articles.test_admin import _form_data

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "articles" / "static" / "articles" / "illustrations"


@pytest.mark.parametrize("key", sorted(ILLUSTRATIONS))
def test_every_illustration_is_a_plain_svg_in_the_repository(key):
    svg = (STATIC / f"{key}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg ") and 'viewBox="0 0 640 360"' in svg
    # Nothing that runs or loads: no script, handlers, styles, links or remote files.
    for forbidden in ("<script", "<style", " on", "href", "http://", "https://"):
        assert forbidden not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # The drawing holds no words (one file for every language), only numbers.
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts and all(text.isdigit() for text in texts)
    item = ILLUSTRATIONS[key]
    assert len(str(item.alt)) > 40 and str(item.caption)


def test_an_article_shows_its_illustration_with_alt_text_and_caption(client):
    article = make_article(status="published", illustration="raynauds-fingers")
    html = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="illustration">.*?</figure>', html, re.S).group()
    assert 'src="/static/articles/illustrations/raynauds-fingers.svg"' in figure
    assert 'alt="Three fingers in a row' in figure
    assert 'width="640" height="360"' in figure
    assert "<figcaption>1 White:" in figure


def test_the_illustration_speaks_the_readers_language(client):
    article = make_article(status="published", illustration="fingertip-unit")
    html = client.get(f"/zh-hant/articles/{article.slug}/").content.decode()
    figure = re.search(r'<figure class="illustration">.*?</figure>', html, re.S).group()
    item = ILLUSTRATIONS["fingertip-unit"]
    assert "fingertip-unit.svg" in figure  # one drawing for every language
    with translation.override("en"):
        assert str(item.alt) not in figure and str(item.caption) not in figure
    assert "指尖單位" in figure


def test_an_unknown_illustration_is_refused():
    with pytest.raises(ValidationError) as caught:
        services.create_article(
            actor=make_article().authors.first(),
            content=content(illustration="../../etc/passwd"),
        )
    assert "illustration" in caught.value.message_dict


def test_editors_choose_an_illustration_in_the_editor(client, login_as):
    login_as("editor")
    html = client.get(reverse("admin:articles_article_add") + "?kind=guide").content
    assert b'<option value="skin-layers-morphea">' in html
    channel = make_channel()
    response = client.post(
        reverse("admin:articles_article_add") + "?kind=guide",
        _form_data(channel=str(channel.pk), illustration="skin-layers-morphea"),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Article.objects.get().latest_revision.content["illustration"] == (
        "skin-layers-morphea"
    )
    bad = client.post(
        reverse("admin:articles_article_add") + "?kind=guide",
        _form_data(channel=str(channel.pk), illustration="nope", title="Other"),
    )
    assert bad.status_code == HTTPStatus.OK
    assert "Select a valid choice" in bad.content.decode()


def test_demo_articles_show_illustrations(client):
    demo.seed(lambda message: None, member_demo.seed(lambda message: None))
    shown = {}
    for slug in ("morphea", "systemic-sclerosis", "tacrolimus-ointment"):
        html = client.get(f"/articles/{slug}/").content.decode()
        match = re.search(r"/static/articles/illustrations/([a-z-]+)\.svg", html)
        shown[slug] = match and match.group(1)
    assert shown == {
        "morphea": "skin-layers-morphea",
        "systemic-sclerosis": "raynauds-fingers",
        "tacrolimus-ointment": "fingertip-unit",
    }

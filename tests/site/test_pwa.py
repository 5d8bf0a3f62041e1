"""Installable and readable offline: the manifest, the service worker's address and
headers, and the offline page in both languages (the browser side is
tests/e2e/test_offline.py)."""

import json
from http import HTTPStatus
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from PIL import Image

from tests.articles.factories import make_article
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _manifest(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_manifest_has_what_installing_needs_with_icons_that_exist(client):
    manifest = _manifest(client, "/manifest.webmanifest")
    assert manifest["name"] == manifest["short_name"] == "Kindred"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["lang"] == "en"
    sizes = {}
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        path = finders.find(name)
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
        sizes.setdefault(icon["purpose"], set()).add(icon["sizes"])
        served = client.get(icon["src"])
        assert served.status_code == HTTPStatus.OK
        assert served["Content-Type"] == "image/png"
        with Image.open(BytesIO(b"".join(served.streaming_content))) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    assert {"192x192", "512x512"} <= sizes["any"]


def test_chinese_pages_link_a_chinese_manifest_for_the_same_app(client):
    manifest = _manifest(client, "/zh-hant/manifest.webmanifest")
    assert manifest["lang"] == "zh-Hant"
    assert manifest["start_url"] == "/zh-hant/"
    assert manifest["id"] == "/" and manifest["scope"] == "/"
    assert "硬皮症" in manifest["description"]


@pytest.mark.parametrize(
    ("page", "manifest"),
    [("/", "/manifest.webmanifest"), ("/zh-hant/", "/zh-hant/manifest.webmanifest")],
)
def test_every_page_links_the_manifest_in_its_language(client, page, manifest):
    html = client.get(page).content.decode()
    assert f'<link rel="manifest" href="{manifest}">' in html
    assert "apple-touch-icon" in html


def test_service_worker_is_served_from_the_root_as_script_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    # Its own policy: fetches to this origin only, no other script.
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    body = response.content.decode()
    # The precache list: static files and the offline page in each language only.
    config = json.loads(body.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["offline"] == {"/": "/offline/", "/zh-hant/": "/zh-hant/offline/"}
    for path in config["precache"]:
        assert path.startswith("/static/") or path in config["offline"].values()
    assert 'credentials: "omit"' in body


def test_service_worker_is_the_same_for_members_and_visitors(client):
    visitor = client.get("/sw.js").content
    make_user("member", email="ada@example.test", password="a-long-pass-phrase-42")
    client.login(email="ada@example.test", password="a-long-pass-phrase-42")
    assert client.get("/sw.js").content == visitor


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "You are offline"), ("zh-hant", "你目前離線")]
)
def test_offline_page_in_both_languages_public_and_not_indexed(
    client, language, heading
):
    with translation.override(language):
        url = reverse("offline")
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "public" in response["Cache-Control"]
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'content="noindex"' in html
    assert "csrfmiddlewaretoken" not in html


def test_article_pages_offer_saving_for_offline_reading(client):
    article = make_article(status="published", title="Morphea in children")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "data-save-offline hidden" in html
    assert "Save for offline reading" in html

"""Installable and readable offline, in Debian's Chromium: the manifest and service
worker pass Chromium's installability check; a member saves an article, and with
the network off the article opens while /messages/ shows the offline page; the
worker's caches never hold a member's page, message, account page or photo."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from forum.models import PostImage
from tests.articles.factories import make_article
from tests.conversations.factories import make_conversation
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
SECRET = "Only Ben should read this about my clinic visit"

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      urls.push(new URL(request.url).pathname);
    }
  }
  return urls;
}"""


@pytest.fixture(autouse=True)
def _roles_and_media(transactional_db, settings, tmp_path):
    restore_migration_data()
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (120, 80), (222, 184, 170)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _photo_posted_by(user) -> PostImage:
    """A photo in a reply, posted through the site's own form."""
    thread = make_thread(title="Clobetasol and photos")
    client = Client()
    client.force_login(user)
    client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {
            "body": "Here is how it looks now.",
            "photo_1": _upload(),
            "alt_1": "Red patch on my left forearm",
        },
    )
    return PostImage.objects.get()


def _upload():
    return SimpleUploadedFile("patch.jpg", _jpeg(), content_type="image/jpeg")


def _worker_ready(page) -> None:
    """The worker installed, active and in control of this page (it claims it)."""
    page.evaluate(
        """async () => {
          const sw = navigator.serviceWorker;
          await sw.ready;
          if (!sw.controller) {
            await new Promise((done) => sw.addEventListener("controllerchange", done));
          }
        }"""
    )


def test_the_site_passes_chromiums_installability_check(
    browser_type, browser_type_launch_args, server_url, tmp_path
):
    # localhost counts as a secure origin: no certificate needed. A profile on
    # disk, as a phone's browser has: Chromium installs nothing from incognito.
    assert server_url.startswith("http://localhost:")
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, service_workers="allow"
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(f"{server_url}/")
    _worker_ready(page)
    page.reload()
    session = context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest.get("errors", []) == []
    context.close()


def test_a_saved_article_opens_offline_and_private_pages_are_never_stored(
    browser, server_url
):
    ada = make_user("member", email="ada@example.test", password=PASSWORD,
                    display_name="Ada", post_count=20)  # fmt: skip
    ben = make_user("member", display_name="Ben", post_count=20)
    accept_terms(ada)
    conversation = make_conversation(ben, ada, body=SECRET)
    photo = _photo_posted_by(ada)
    article = make_article(status="published", title="Morphea in children")
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    log_in(page, server_url, "ada@example.test", PASSWORD)
    _worker_ready(page)

    # Ada saves the article for offline reading.
    page.goto(f"{server_url}{article.get_absolute_url()}")
    save = page.get_by_role("button", name="Save for offline reading")
    expect(save).to_be_visible()
    save.click()
    expect(page.locator("#save-offline-status")).to_have_text(
        "Saved for offline reading: this article opens on this device without a "
        "connection."
    )
    expect(page.get_by_role("button", name="Remove from this device")).to_be_visible()
    assert_accessible(page)

    # She reads her messages, her settings, her profile and her photo.
    visited = [
        "/messages/",
        conversation.get_absolute_url(),
        "/accounts/profile/",
        ada.profile.get_absolute_url(),
        reverse("forum:photo", args=[photo.pk]),
        reverse("forum:photo-thumb", args=[photo.pk]),
    ]
    for path in visited:
        page.goto(f"{server_url}{path}")
    page.goto(f"{server_url}{conversation.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(SECRET)

    cached = page.evaluate(CACHED_URLS)
    assert article.get_absolute_url() in cached
    for path in cached:
        assert path.startswith("/static/") or path in {
            "/offline/",
            "/zh-hant/offline/",
            article.get_absolute_url(),
        }, path
    # The saved copy is the visitors' page: nothing of Ada's in it.
    saved_html = page.evaluate(
        """async (path) => {
          const found = await caches.match(path);
          return found.text();
        }""",
        article.get_absolute_url(),
    )
    assert "Morphea in children" in saved_html
    assert "Ada" not in saved_html and "csrfmiddlewaretoken" not in saved_html

    # Offline: the article opens from the device, her messages do not.
    context.set_offline(True)
    page.goto(f"{server_url}{article.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Morphea in children")
    page.goto(f"{server_url}/messages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("main")).not_to_contain_text(SECRET)
    saved = page.locator("[data-offline-saved]")
    expect(saved.get_by_role("link", name="Morphea in children")).to_be_visible()
    page.goto(f"{server_url}{conversation.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    page.goto(f"{server_url}/zh-hant/messages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("你目前離線")
    assert_accessible(page)

    # Back online, she takes the article off the device again.
    context.set_offline(False)
    page.goto(f"{server_url}{article.get_absolute_url()}")
    page.get_by_role("button", name="Remove from this device").click()
    expect(page.locator("#save-offline-status")).to_have_text(
        "Removed from this device."
    )
    expect(page.get_by_role("button", name="Save for offline reading")).to_be_visible()
    assert article.get_absolute_url() not in page.evaluate(CACHED_URLS)
    context.close()

"""On a 390-px phone, a member adds a photo to a new thread and forgets to describe
it: the page comes back with a summary of the problem on the first screen, focused
(a screen reader reads it first), whose link leads to the field; the photo is kept,
so describing it and posting again is enough."""

import pytest
from playwright.sync_api import expect

from forum.models import PostImage
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board
from tests.forum.test_photos import jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_a_photo_without_words_is_summed_up_first_and_kept(
    browser, server_url, tmp_path, settings, prefix
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    restore_migration_data()
    make_board(name="Morphea", slug="morphea")
    member = make_user(
        "member",
        email="ines@example.test",
        password=PASSWORD,
        display_name="Ines",
        post_count=20,
    )
    accept_terms(member)
    photo = tmp_path / "my-arm.jpg"
    photo.write_bytes(jpeg(size=(400, 300)))

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, server_url, "ines@example.test", PASSWORD)
    page.goto(f"{server_url}{prefix}/forum/morphea/new/")
    page.locator("#id_title").fill("Is this patch getting bigger?")
    page.locator("#id_body").fill("It started a month ago on my arm.")
    page.locator(".photo-fields > summary").click()
    page.locator("#id_photo_1").set_input_files(str(photo))
    page.locator("form.composer .actions > button:not([name])").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "summary below the fold"
    assert page.evaluate("window.scrollY") < 200
    link = summary.locator('a[href="#id_alt_1"]')
    expect(link).to_have_count(1)
    assert "Error" in page.title() or "錯誤" in page.title()
    # The photo is kept, and named where it was chosen.
    expect(page.locator(".kept-photo")).to_contain_text("my-arm.jpg")
    assert_accessible(page)

    link.click()
    expect(page.locator("#id_alt_1")).to_be_focused()
    expect(page.locator("#id_alt_1")).to_be_in_viewport()
    page.locator("#id_alt_1").fill("A red patch on my forearm")
    page.locator("form.composer .actions > button:not([name])").click()
    expect(page.locator("h1")).to_contain_text("patch getting bigger")
    assert PostImage.objects.get().alt_text == "A red patch on my forearm"
    context.close()

"""A photo in the forum, in a real browser: a member attaches one with its alt text
from the thread page's composer; a visitor gets neither the picture nor its
description; another member opens "Sensitive image — show" and sees it. The
composers and the thread page pass axe on a phone (390 px) and a desktop (1280 px)."""

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from forum.models import PostImage
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
ALT = "Oval shiny patch, about 3 cm, on the inside of my left wrist"
WIDTHS = (390, 1280)


@pytest.fixture(autouse=True)
def _roles_disclaimers_and_media(transactional_db, settings, tmp_path):
    restore_migration_data()
    settings.MEDIA_ROOT = tmp_path / "public"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def member(email: str, name: str):
    # Past the new-member limits: the photo is published without waiting.
    user = make_user(
        "member", email=email, password=PASSWORD, display_name=name, post_count=20
    )
    accept_terms(user)
    return user


def patch_photo() -> bytes:
    image = Image.new("RGB", (480, 320), (222, 184, 170))
    image.paste((240, 214, 205), (160, 100, 320, 220))
    exif = Image.Exif()
    exif[0x8825] = {2: (25.0, 2.0, 0.0), 4: (121.0, 33.0, 0.0)}  # GPS
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_a_member_posts_a_photo_a_visitor_cannot_see_it_a_member_reveals_it(
    browser, server_url
):
    board = make_board(name="Morphea", slug="morphea")
    thread = make_thread(board=board, title="How did your patches change?")
    member("ana@example.test", "Ana")
    member("bo@example.test", "Bo")
    url = server_url + thread.get_absolute_url()

    # Ana, on her phone, replies from the thread page with a photo.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    ana = phone.new_page()
    log_in(ana, server_url, "ana@example.test", PASSWORD)
    ana.goto(url)
    ana.get_by_role("textbox", name="Your reply").fill(
        "This is how mine looks after a year."
    )
    ana.get_by_text("Add photos (up to 4)").click()
    slot = ana.get_by_role("group", name="Photo 1")
    slot.get_by_label("Photo 1").set_input_files(
        {"name": "wrist.jpg", "mimeType": "image/jpeg", "buffer": patch_photo()}
    )
    slot.get_by_label("What the photo shows").fill(ALT)
    assert_accessible(ana)  # the composer, photo fields open, on a phone
    ana.get_by_role("button", name="Post reply").click()
    expect(ana.locator(".alert, .messages")).to_contain_text("Your reply is posted")
    photo = PostImage.objects.get()
    assert photo.alt_text == ALT
    # Folded by default, even for its author.
    shown = ana.get_by_role("img", name=ALT)
    expect(shown).to_be_hidden()
    phone.close()

    # A visitor learns there is a photo and nothing else about it.
    visitor = browser.new_context(viewport={"width": 390, "height": 844})
    page = visitor.new_page()
    page.goto(url)
    expect(page.locator(".post-photos")).to_contain_text(
        "One photo, shown to signed-in members."
    )
    assert ALT not in page.content()
    assert f"/forum/photos/{photo.pk}/" not in page.content()
    page.goto(f"{server_url}/forum/photos/{photo.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    visitor.close()

    # Bo opens it: "Sensitive image — show", then the picture itself.
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        bo = context.new_page()
        log_in(bo, server_url, "bo@example.test", PASSWORD)
        bo.goto(url)
        picture = bo.get_by_role("img", name=ALT)
        expect(picture).to_be_hidden()
        assert_accessible(bo)  # the thread page, photo folded
        bo.locator("summary", has_text="Sensitive image — show").click()
        expect(picture).to_be_visible()
        bo.wait_for_function(
            "(alt) => [...document.images].some("
            "(i) => i.alt === alt && i.complete && i.naturalWidth > 0)",
            arg=ALT,
        )
        box = picture.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
        assert_accessible(bo)  # the thread page, photo shown
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_composers_pass_axe_with_the_photo_fields_open(browser, server_url, width):
    board = make_board(name="Lichen sclerosus", slug="lichen-sclerosus")
    thread = make_thread(board=board, title="Clobetasol and photos")
    member("cy@example.test", "Cy")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, server_url, "cy@example.test", PASSWORD)
    for path in (
        thread.get_absolute_url(),
        f"/forum/t/{thread.pk}/reply/",
        f"/forum/{board.slug}/new/",
    ):
        page.goto(server_url + path)
        page.get_by_text("Add photos (up to 4)").click()
        expect(page.get_by_role("group", name="Photo 4")).to_be_visible()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, path
        assert_accessible(page)
    context.close()


def test_the_thread_pages_composer_keeps_a_draft_with_and_without_javascript(
    browser, server_url
):
    thread = make_thread(title="Sleeping with tight skin")
    member("dee@example.test", "Dee")
    url = server_url + thread.get_absolute_url()

    # With JavaScript: typed text is saved a few seconds later, without a click.
    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = laptop.new_page()
    log_in(page, server_url, "dee@example.test", PASSWORD)
    page.goto(url)
    page.get_by_role("textbox", name="Your reply").fill("Pillows under my knees")
    expect(page.locator("[data-draft-status]")).to_contain_text(
        "Draft saved at", timeout=15_000
    )
    laptop.close()

    # On the phone, JavaScript off: the draft is there; "Save draft" keeps an edit.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = phone.new_page()
    log_in(page, server_url, "dee@example.test", PASSWORD)
    page.goto(url)
    box = page.get_by_role("textbox", name="Your reply")
    expect(box).to_have_value("Pillows under my knees")
    expect(page.locator(".draft-restored")).to_contain_text("is back")
    box.fill("Pillows under my knees, and a warm shower first")
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"#reply-heading$"))
    expect(page.get_by_role("textbox", name="Your reply")).to_have_value(
        "Pillows under my knees, and a warm shower first"
    )
    phone.close()  # (axe needs JavaScript: the pages above are checked with it)

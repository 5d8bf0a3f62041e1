"""On a 390-px phone, a new member starting a thread: the title field is on the
first screen (the terms are a short notice, each text one tap away, and the box
to tick still decides), and every checkbox is at least 44 px tall with its label
beside it (not a 13-px box a line or more below its label)."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import make_topic
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import make_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
PHONE = {"width": 390, "height": 844}

# Every checkbox and radio button on the page with its label's box.
CONTROLS_JS = """() => [...document.querySelectorAll(
    'main input[type=checkbox], main input[type=radio]')]
  .filter(input => input.offsetParent !== null)
  .map(input => {
    const label = input.labels && input.labels[0];
    const box = input.getBoundingClientRect();
    // The label's words (a label may wrap its box: then the words follow it).
    const text = [];
    const walker = label && document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    while (walker && walker.nextNode()) {
      if (!walker.currentNode.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      text.push(...range.getClientRects());
    }
    return {
      name: input.name + ':' + (input.value || ''),
      height: box.height, top: box.top, bottom: box.bottom, right: box.right,
      label: text.length ? {
        left: Math.min(...text.map(r => r.left)),
        top: Math.min(...text.map(r => r.top)),
        bottom: Math.max(...text.map(r => r.bottom)),
        height: label.getBoundingClientRect().height,
      } : null,
    };
  })"""


def _assert_controls_beside_their_labels(page) -> None:
    controls = page.evaluate(CONTROLS_JS)
    assert controls, "no checkbox on the page"
    for control in controls:
        name, label = control["name"], control["label"]
        assert control["height"] >= 44, control
        assert label is not None, name
        assert label["height"] >= 44 or label["bottom"] - label["top"] >= 44, control
        # Beside: on the same row, to the right of the box.
        middle = (control["top"] + control["bottom"]) / 2
        assert label["top"] <= middle <= label["bottom"], control
        assert label["left"] >= control["right"] - 1, control


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_a_new_member_sees_the_title_field_first_and_controls_beside_labels(
    browser, server_url, prefix
):
    restore_migration_data()
    make_board(name="Morphea", slug="morphea")
    make_topic("Lupus")
    make_topic("Methotrexate")
    make_user(
        "member", email="ines@example.test", password=PASSWORD, display_name="Ines"
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, server_url, "ines@example.test", PASSWORD)
    page.goto(f"{server_url}{prefix}/forum/morphea/new/")

    title = page.locator("#id_title")
    assert title.bounding_box()["y"] + 44 <= PHONE["height"], "title below the fold"
    # Each text is one tap away, and says what it is.
    terms = page.locator("fieldset.terms details")
    assert terms.count() >= 1
    first = terms.first
    expect(first.locator(".disclaimer-text")).not_to_be_visible()
    first.locator("summary").click()
    expect(first.locator(".disclaimer-text")).to_be_visible()

    _assert_controls_beside_their_labels(page)
    assert_accessible(page)

    # The box still decides: without it the post is refused, the text kept.
    title.fill(
        "Does the tightness ease in winter?" if not prefix else "冬天會比較緊嗎？"
    )
    page.locator("#id_body").fill("My plaques feel tighter when it is cold.")
    page.locator("form.composer .actions > button:not([name])").click()
    expect(page.locator("fieldset.terms .errorlist")).to_be_visible()
    expect(page.locator("#id_body")).to_have_value(
        "My plaques feel tighter when it is cold."
    )
    page.locator("#id_accept_terms").check()
    page.locator("form.composer .actions > button:not([name])").click()
    expect(page.locator("h1")).to_contain_text(
        "tightness" if not prefix else "冬天會比較緊嗎"
    )
    context.close()


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_checkboxes_on_the_sign_in_and_settings_pages_sit_beside_their_labels(
    browser, server_url, prefix
):
    restore_migration_data()
    make_user(
        "member", email="ines@example.test", password=PASSWORD, display_name="Ines"
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server_url}{prefix}/accounts/login/")
    _assert_controls_beside_their_labels(page)  # "Remember me" (allauth's field)
    log_in(page, server_url, "ines@example.test", PASSWORD)
    page.goto(f"{server_url}{prefix}/accounts/profile/")
    _assert_controls_beside_their_labels(page)  # the notification settings
    assert_accessible(page)
    context.close()

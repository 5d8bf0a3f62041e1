"""Chinese pages are drawn in Chinese glyphs, not empty boxes.

Without a CJK font every Han character is drawn as the same missing-glyph box, so two
different words give the same pixels. The page's own font stack draws them here.
"""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DRAW = """(words) => {
  const font = getComputedStyle(document.body).fontFamily;
  return words.map((word) => {
    const canvas = document.createElement("canvas");
    canvas.width = 160;
    canvas.height = 48;
    const context = canvas.getContext("2d");
    context.font = `32px ${font}`;
    context.fillText(word, 0, 36);
    return canvas.toDataURL();
  });
}"""


def test_chinese_words_are_drawn_as_different_glyphs(page, server_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/zh-hant/")
    # Words of the same length: boxes would give the same pixels for all three.
    scleroderma, lupus, missing = page.evaluate(
        DRAW, ["硬皮症", "狼瘡病", "\uffff\uffff\uffff"]
    )
    assert scleroderma != lupus, "Han characters are drawn as empty boxes"
    assert missing not in (scleroderma, lupus), "Han characters are drawn as boxes"

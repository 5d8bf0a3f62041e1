"""core.plaintext: the fast paths give exactly what the plain definition gives."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.markup import html_to_text
from core.plaintext import excerpt, one_line


def reference_one_line(text: str) -> str:
    visible = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text
    )
    return " ".join(visible.split())


def reference_excerpt(html: str, length: int) -> str:
    text = reference_one_line(html_to_text(html))
    if len(text) <= length:
        return text
    cut = text[: max(length - 1, 0)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


words = st.lists(
    st.sampled_from([*"ab美華 \n\t\u200b\u202e\u00ad,.", " " * 80]), max_size=600
).map("".join)


@given(words)
def test_one_line_drops_control_and_format_characters(text):
    assert one_line(text) == reference_one_line(text)


@given(words, st.integers(min_value=0, max_value=200))
def test_an_excerpt_of_a_long_text_is_the_excerpt_of_the_whole_text(text, length):
    assert excerpt(text, length) == reference_excerpt(text, length)


def test_an_excerpt_is_a_plain_str_cut_at_a_word():
    result = excerpt("<p>Cold hands <b>again</b> this\u202e morning</p>", 20)
    assert result == "Cold hands again…"
    assert type(result) is str

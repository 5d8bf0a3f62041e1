"""The site's scripts say nothing in English of their own: every word a reader sees
comes from the translation catalogue, through the page's data- attributes or the
JSON the server answers with (so Chinese pages stay Chinese when a script runs)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [
    ROOT / "forum/static/forum/forum.js",
    ROOT / "members/static/members/mentions.js",
    ROOT / "sclero_site/static/js/site.js",
]
# Tokens the reader never sees that would look like words.
NOT_WORDS = {"use strict"}
WORD = re.compile(r"[A-Za-z]{2,}")
# Selectors, URLs, patterns and markup are code, not sentences.
CODE = re.compile(r"[\[\]=/\\{}()<>:#]|\w\.\w")


def string_literals(source: str) -> list[str]:
    """The text of every '…', "…" and `…` literal (a template's ${…} left out,
    and the literals inside it read too); comments and regex literals are skipped."""
    found = []
    i = 0
    while i < len(source):
        char = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif char == "/" and re.search(
            r"[(,=:!&|?;{}]\s*$|^\s*$|return\s*$", source[:i]
        ):
            i = _end_of_regex(source, i)
        elif char in "'\"`":
            text, i = _read_literal(source, i, found)
            found.append(text)
        else:
            i += 1
    return found


def _end_of_regex(source: str, i: int) -> int:
    i += 1
    in_class = False
    while source[i] != "/" or in_class:
        if source[i] == "\\":
            i += 1
        elif source[i] == "[":
            in_class = True
        elif source[i] == "]":
            in_class = False
        i += 1
    return i + 1


def _read_literal(source: str, i: int, found: list[str]) -> tuple[str, int]:
    quote = source[i]
    i += 1
    text = []
    while source[i] != quote:
        if source[i] == "\\":
            text.append(source[i : i + 2])
            i += 2
        elif quote == "`" and source.startswith("${", i):
            depth, start = 1, i + 2
            i += 2
            while depth:
                if source[i] in "'\"`":
                    inner, i = _read_literal(source, i, found)
                    found.append(inner)
                    continue
                depth += {"{": 1, "}": -1}.get(source[i], 0)
                i += 1
            assert start < i
        else:
            text.append(source[i])
            i += 1
    return "".join(text), i + 1


def english_sentences(source: str) -> list[str]:
    """Literals that read as English to a person: two words or more, or a word
    ending a sentence ("Saved.")."""
    sentences = []
    for text in string_literals(source):
        if text.strip() in NOT_WORDS or CODE.search(text) or not WORD.search(text):
            continue
        words = text.split()
        if (
            len(words) > 1
            and any(WORD.search(w) for w in words)
            or re.search(r"[A-Za-z][.!?…]$", text.strip())
        ):
            sentences.append(text)
        elif re.match(r"^\s+[A-Za-z]{2,}|[A-Za-z]{2,}\s+$", text):
            sentences.append(text)  # "${n} likes": a word glued to a number
    return sentences


def test_the_scan_sees_the_english_an_old_script_had():
    old = (
        'count.textContent = data.like_count === 1 ? "1 like" : `${data.like_count} likes`;'
        '\nstatus.textContent = `${form.dataset.label || "Draft saved"} ${at}`;'
        '\nstatus.textContent = copied || "Link copied.";'
        '\nconst field = form.querySelector(`[name=${name}]`); // "Not a sentence"'
        '\nbody.replace(/^ "x y" /, ""); document.querySelector("form.composer textarea");'
    )
    assert english_sentences(old) == ["1 like", " likes", "Draft saved", "Link copied."]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_a_script_has_no_english_sentence_of_its_own(path):
    assert english_sentences(path.read_text(encoding="utf-8")) == []

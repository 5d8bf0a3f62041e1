"""The site's small look pieces: generated avatars, version labels, the site's name."""

import re

from django.template import Context, Template

from core.templatetags.site_ui import (
    AVATAR_COLOURS,
    avatar,
    avatar_colour,
    initials,
    version_labels,
)


def test_initials_take_the_first_letters_of_the_first_two_words():
    assert initials("Sam (demo)") == "SD"
    assert initials("willow") == "W"
    assert initials("  ") == "?"
    assert initials("Maple (示範)") == "M"  # a note in Chinese is not a second word


def test_initials_of_a_chinese_name_are_its_first_characters():
    assert initials("美華（示範）") == "美華"
    assert initials("美華 (demo)") == "美華"
    assert initials("陳美華") == "陳"
    assert initials("田中さん") == "田"


def test_the_same_name_always_gets_the_same_colour():
    assert avatar_colour("Rowan") == avatar_colour("rowan")
    assert avatar_colour("Rowan") in AVATAR_COLOURS


def test_avatar_is_inline_svg_without_style_attributes_and_escapes_the_name():
    html = str(avatar('<b>"Evil"</b> Name'))
    assert html.startswith('<svg class="avatar"') and 'aria-hidden="true"' in html
    assert "style=" not in html and "<b>" not in html
    assert re.search(r">[A-Z?]{1,2}</text>", html)


class _Version:
    def __init__(self, label):
        self.label = label


def test_version_labels_name_each_label_once():
    assert version_labels([_Version("v1.0"), _Version("v1.0")]) == "v1.0"
    assert version_labels([_Version("v1.0"), _Version("v2.1")]) == "v1.0, v2.1"
    assert version_labels([]) == ""


def test_site_name_tag_reads_the_setting(settings):
    settings.SITE_NAME = "Calm Harbour"
    html = Template("{% load site_ui %}{% site_name %}").render(Context())
    assert html == "Calm Harbour"

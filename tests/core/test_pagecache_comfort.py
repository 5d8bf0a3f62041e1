"""The visitors' page cache is keyed by the device's comfort settings: a visitor
with the largest text never gets a page stored for the default, and never leaves
a page with the largest text for a visitor without the setting."""

import pytest

from core import comfort
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread
from tests.site.test_comfort import html_class

pytestmark = pytest.mark.django_db

LARGEST = "text-largest"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True


@pytest.fixture
def paths(db):
    author = make_user("member", display_name="Willow")
    accept_terms(author)
    thread = make_thread(author=author, title="Tight skin on my fingers")
    return ["/", "/forum/", thread.get_absolute_url(), "/zh-hant/", "/about/"]


def visit(client, path, cookie=None):
    """A visitor's request, with this comfort cookie (or none)."""
    client.cookies.clear()
    if cookie is not None:
        client.cookies[comfort.COOKIE_NAME] = cookie
    return client.get(path)


def test_a_visitor_with_the_largest_text_never_gets_the_stored_default_page(
    client, paths
):
    for path in paths:
        visit(client, path)
        assert not visit(client, path).templates, path  # the default page is stored
        response = visit(client, path, LARGEST)
        assert html_class(response) == LARGEST, path


def test_a_visitor_with_the_largest_text_leaves_no_such_page_for_others(client, paths):
    for path in paths:
        visit(client, path, LARGEST)
        largest = visit(client, path, LARGEST)
        assert not largest.templates, path  # stored for this setting, and served
        assert html_class(largest) == LARGEST
        default = visit(client, path)
        assert html_class(default) == "", path
        assert default["ETag"] != largest["ETag"]


def test_the_same_setting_written_differently_shares_one_stored_page(client, paths):
    path = paths[0]
    visit(client, path, "text-largest.contrast-more")
    again = visit(client, path, "contrast-more.text-largest.contrast-more")
    assert not again.templates
    assert html_class(again) == "text-largest contrast-more"
    # A cookie holding nothing known is the default page, from the same entry.
    visit(client, path)
    junk = visit(client, path, "text-enormous.x")
    assert not junk.templates and html_class(junk) == ""

"""Visitors' pages cached whole: every change visitors can see shows on their next
request, and nothing private, pending or hidden ever goes through the cache."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from articles.models import Article
from core import disclaimers, pagecache
from core.models import Disclaimer
from forum.models import Post
from forum.services import likes, moderation, posts
from tests.articles.factories import make_published
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_post, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True


@pytest.fixture
def author(db):
    user = make_user("member", display_name="Willow")
    accept_terms(user)
    return user


@pytest.fixture
def thread(author):
    return make_thread(author=author, title="Tight skin on my arm")


@pytest.fixture
def moderator(db):
    return make_user("moderator")


def visit(client, url, **headers):
    """A visitor's request: no session cookie, whatever the client did before."""
    client.logout()
    return client.get(url, headers=headers)


def served_from_cache(client, url) -> bool:
    """Whether a visitor's second request comes from the cache (same ETag, no render)."""
    first = visit(client, url)
    second = visit(client, url)
    return first["ETag"] == second["ETag"] and not second.templates


def test_second_visitor_request_is_served_from_the_cache(client, thread):
    url = thread.get_absolute_url()
    first = visit(client, url)
    second = visit(client, url)
    assert first.status_code == second.status_code == HTTPStatus.OK
    assert first.templates  # rendered
    assert not second.templates  # answered before any view ran
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert "must-revalidate" in second["Cache-Control"]
    assert "Cookie" in second["Vary"] and "Accept-Language" in second["Vary"]
    assert second.has_header("Last-Modified")


def test_matching_if_none_match_gets_304_without_a_body(client, thread):
    url = thread.get_absolute_url()
    etag = visit(client, url)["ETag"]
    response = visit(client, url, if_none_match=etag)
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.content == b""


def test_etag_changes_when_content_changes(client, thread, author):
    url = thread.get_absolute_url()
    etag = visit(client, url)["ETag"]
    make_post(thread, body="A later reply about moisturiser.")
    response = visit(client, url, if_none_match=etag)
    assert response.status_code == HTTPStatus.OK
    assert b"A later reply about moisturiser." in response.content


def test_a_reply_shows_on_the_next_visitor_request(client, thread):
    url = thread.get_absolute_url()
    assert served_from_cache(client, url)
    make_post(thread, body="Cotton sleeves helped me a lot.")
    assert b"Cotton sleeves helped me a lot." in visit(client, url).content
    board_page = visit(client, thread.board.get_absolute_url())
    assert board_page.status_code == HTTPStatus.OK


def test_an_edit_shows_on_the_next_visitor_request(client, thread, author):
    url = thread.get_absolute_url()
    visit(client, url)
    posts.edit_post(
        thread.first_post, actor=author, body="Edited: it is on my forearm."
    )
    assert b"Edited: it is on my forearm." in visit(client, url).content


def test_a_hidden_post_disappears_on_the_next_visitor_request(
    client, thread, moderator
):
    reply = make_post(thread, body="Buy miracle cream at my shop.")
    url = thread.get_absolute_url()
    assert b"Buy miracle cream" in visit(client, url).content
    moderation.hide_post(reply, actor=moderator, reason="Advertising")
    assert b"Buy miracle cream" not in visit(client, url).content


def test_a_like_shows_on_the_next_visitor_request(client, thread):
    url = thread.get_absolute_url()
    assert b"0 likes<" in visit(client, url).content
    liker = make_user("member")
    likes.like_post(thread.first_post, actor=liker)
    assert b"1 like<" in visit(client, url).content


def test_locking_shows_on_the_next_visitor_request(client, thread, moderator):
    url = thread.get_absolute_url()
    assert b'class="badge">Locked' not in visit(client, url).content
    moderation.lock_thread(thread, actor=moderator, reason="Heated")
    assert b'class="badge">Locked' in visit(client, url).content


def test_a_disclaimer_change_shows_on_the_next_visitor_request(
    client, django_capture_on_commit_callbacks
):
    url = reverse("guidelines")
    assert served_from_cache(client, url)
    disclaimer = Disclaimer.objects.get(scope=Disclaimer.Scope.GUIDELINES)
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            disclaimer, body="Brand-new community guidelines.", major=False, actor=None
        )
    assert b"Brand-new community guidelines." in visit(client, url).content


def test_members_never_get_a_visitors_page(client, thread):
    url = thread.get_absolute_url()
    visit(client, url)
    visit(client, url)
    member = make_user("member", display_name="Rowan")
    accept_terms(member)
    client.force_login(member)
    response = client.get(url)
    assert response.templates  # rendered for them
    assert b"Rowan" in response.content
    assert "private" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_members_never_get_another_members_page(client, thread):
    url = thread.get_absolute_url()
    first = make_user("member", display_name="Rowan")
    second = make_user("member", display_name="Juniper")
    client.force_login(first)
    client.get(url)
    client.force_login(second)
    response = client.get(url)
    assert b"Juniper" in response.content
    assert b"Rowan" not in response.content
    # Nor does the visitor get either of them.
    page = visit(client, url).content
    assert b"Juniper" not in page and b"Rowan" not in page


def test_a_pending_post_seen_by_its_author_never_reaches_visitors(
    client, thread, settings
):
    settings.FORUM_APPROVE_FIRST_POSTS = 1  # the newcomer's first post waits
    newcomer = make_user("member", display_name="Newcomer")
    accept_terms(newcomer)
    reply = posts.create_reply(
        thread, actor=newcomer, body="My first post, waiting for approval."
    )
    assert reply.status == Post.Status.PENDING
    url = thread.get_absolute_url()
    client.force_login(newcomer)
    assert b"My first post, waiting" in client.get(url).content
    assert b"My first post, waiting" not in visit(client, url).content
    assert b"My first post, waiting" not in visit(client, url).content


def test_a_deleted_post_is_gone_on_the_next_visitor_request(client, thread):
    writer = make_user("member")
    reply = make_post(thread, author=writer, body="I regret writing this.")
    url = thread.get_absolute_url()
    assert b"I regret writing this." in visit(client, url).content
    posts.delete_post(reply, actor=writer)
    assert b"I regret writing this." not in visit(client, url).content


def test_an_unpublished_article_is_gone_for_visitors(client):
    article = make_published(title="Skin care in winter")
    url = article.get_absolute_url()
    assert visit(client, url).status_code == HTTPStatus.OK
    library = visit(client, reverse("articles:library"))
    assert b"Skin care in winter" in library.content
    article_services.unpublish_article(article, actor=make_user("editor"))
    assert visit(client, url).status_code == HTTPStatus.NOT_FOUND
    assert (
        b"Skin care in winter" not in visit(client, reverse("articles:library")).content
    )


def test_signed_in_requests_bypass_the_cache(client, thread):
    member = make_user("member")
    client.force_login(member)
    first = client.get(thread.get_absolute_url())
    second = client.get(thread.get_absolute_url())
    assert first.templates and second.templates


def test_pages_outside_the_list_are_never_cached(client):
    first = visit(client, reverse("account_login"))
    second = visit(client, reverse("account_login"))
    assert first.templates and second.templates
    assert not second.has_header("ETag")


def test_a_flash_message_cookie_bypasses_the_cache(client, thread):
    url = thread.get_absolute_url()
    visit(client, url)
    client.cookies["messages"] = "anything"
    assert client.get(url).templates


def _middleware(view_response):
    calls = []

    def view(request):
        calls.append(request)
        return view_response()

    return pagecache.VisitorPageCacheMiddleware(view), calls


def test_responses_that_set_a_cookie_are_not_stored(settings):
    settings.PAGECACHE_URL_NAMES = {"home"}

    def with_cookie():
        response = HttpResponse(b"<p>hello</p>")
        response.set_cookie("tracking", "1")
        return response

    middleware, calls = _middleware(with_cookie)
    factory = RequestFactory()
    middleware(factory.get("/"))
    middleware(factory.get("/"))
    assert len(calls) == 2


def test_pages_with_a_csrf_token_are_not_stored(settings):
    settings.PAGECACHE_URL_NAMES = {"home"}
    middleware, calls = _middleware(
        lambda: HttpResponse(b'<input name="csrfmiddlewaretoken" value="x">')
    )
    factory = RequestFactory()
    middleware(factory.get("/"))
    middleware(factory.get("/"))
    assert len(calls) == 2


def test_the_page_is_stored_once_per_version(settings):
    settings.PAGECACHE_URL_NAMES = {"home"}
    middleware, calls = _middleware(lambda: HttpResponse(b"<p>hello</p>"))
    factory = RequestFactory()
    middleware(factory.get("/"))
    middleware(factory.get("/"))
    assert len(calls) == 1
    pagecache.bump()
    middleware(factory.get("/"))
    assert len(calls) == 2


def test_a_lost_version_counter_never_matches_old_pages(settings):
    settings.PAGECACHE_URL_NAMES = {"home"}
    middleware, calls = _middleware(lambda: HttpResponse(b"<p>hello</p>"))
    factory = RequestFactory()
    middleware(factory.get("/"))
    cache.delete(pagecache.VERSION_KEY)  # evicted
    pagecache.bump()
    middleware(factory.get("/"))
    assert len(calls) == 2


def test_caching_off_renders_every_time(client, thread, settings):
    settings.PAGECACHE_ENABLED = False
    url = thread.get_absolute_url()
    assert visit(client, url).templates
    assert visit(client, url).templates


def test_a_cached_visitor_page_runs_no_query(client, thread, django_assert_num_queries):
    url = thread.get_absolute_url()
    visit(client, url)
    client.logout()
    with django_assert_num_queries(0):
        assert client.get(url).status_code == HTTPStatus.OK


def test_cached_pages_never_outlive_the_next_scheduled_publication(client):
    editor = make_user("editor")
    article = make_published(title="Coming soon", editor=editor)
    article_services.unpublish_article(article, actor=editor)
    assert pagecache._seconds() == 60
    in_half_a_minute = timezone.now() + datetime.timedelta(seconds=30)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.SCHEDULED, publish_at=in_half_a_minute
    )
    pagecache.content_changed(Article)  # as publish_article announces
    assert 0 < pagecache._seconds() <= 30

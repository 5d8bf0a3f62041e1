"""Every service that changes what visitors see tells the page cache itself: with
nothing listening to `core.signals` (they are for search), the content version
still changes, and a visitor's next request shows the change."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from core import disclaimers, pagecache
from core.models import Disclaimer
from core.signals import content_changed, content_erased
from forum.models import Post
from forum.services import moderation, posts, privacy, start_thread
from tests.articles.factories import make_article, make_published
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_post, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGECACHE_ENABLED = True


@pytest.fixture
def signals_unheard(monkeypatch):
    """Nobody receives `content_changed` / `content_erased`: what the page cache
    learns, it learns from the services directly."""
    monkeypatch.setattr(content_changed, "send", lambda *args, **kwargs: [])
    monkeypatch.setattr(content_erased, "send", lambda *args, **kwargs: [])


@pytest.fixture
def scene(db):
    author = make_user("member", display_name="Willow")
    accept_terms(author)
    thread = make_thread(author=author, title="Tight skin on my arm")
    reply = make_post(thread, author=author, body="Cotton sleeves helped me.")
    return SimpleNamespace(
        author=author,
        thread=thread,
        reply=reply,
        moderator=make_user("moderator"),
        editor=make_user("editor"),
    )


def _start_thread(s):
    return lambda: start_thread(
        s.thread.board, actor=s.author, title="Cold fingers", body="Gloves at night?"
    )


def _reply(s):
    return lambda: posts.create_reply(s.thread, actor=s.author, body="Me too.")


def _edit(s):
    return lambda: posts.edit_post(s.reply, actor=s.author, body="Wool ones, rather.")


def _hide(s):
    return lambda: moderation.hide_post(s.reply, actor=s.moderator, reason="Spam")


def _restore(s):
    moderation.hide_post(s.reply, actor=s.moderator, reason="Spam")
    return lambda: moderation.restore_post(s.reply, actor=s.moderator)


def _delete(s):
    return lambda: posts.delete_post(s.reply, actor=s.author)


def _purge(s):
    posts.delete_post(s.reply, actor=s.author)
    Post.objects.filter(pk=s.reply.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=365)
    )
    return posts.purge_deleted_posts


def _erase_account(s):
    return lambda: privacy.erase(s.author, remove_posts=True)


def _publish_article(s):
    article = make_article(status="in-review", editor=s.editor)
    return lambda: article_services.publish_article(article, actor=s.editor)


def _unpublish_article(s):
    article = make_published(editor=s.editor)
    return lambda: article_services.unpublish_article(article, actor=s.editor)


def _change_disclaimer(s):
    disclaimer = Disclaimer.objects.get(scope=Disclaimer.Scope.GUIDELINES)
    return lambda: disclaimers.publish_version(
        disclaimer, body="New community guidelines.", major=False, actor=None
    )


@pytest.mark.usefixtures("signals_unheard")
@pytest.mark.parametrize(
    "prepare",
    [
        _start_thread,
        _reply,
        _edit,
        _hide,
        _restore,
        _delete,
        _purge,
        _erase_account,
        _publish_article,
        _unpublish_article,
        _change_disclaimer,
    ],
    ids=lambda prepare: prepare.__name__.strip("_"),
)
def test_every_visible_change_starts_a_new_content_version(scene, prepare):
    change = prepare(scene)
    before = pagecache.current_version()
    change()
    assert pagecache.current_version() != before


@pytest.mark.usefixtures("signals_unheard")
def test_scheduling_an_article_shortens_the_cache_without_the_signal():
    editor = make_user("editor")
    article = make_article(status="in-review", editor=editor)
    assert pagecache._seconds() == 60  # nothing scheduled, and remembered so
    article_services.publish_article(
        article,
        actor=editor,
        publish_at=timezone.now() + datetime.timedelta(seconds=30),
    )
    assert 0 < pagecache._seconds() <= 30


def visit(client, url):
    client.logout()
    return client.get(url)


@pytest.mark.usefixtures("signals_unheard")
def test_a_published_article_shows_on_the_home_page_at_once_for_a_visitor(client):
    editor = make_user("editor")
    home = reverse("home")
    assert b"Skin care in winter" not in visit(client, home).content
    assert not visit(client, home).templates  # the visitor's home page is cached
    article = make_article(
        status="in-review", editor=editor, title="Skin care in winter"
    )
    article_services.publish_article(article, actor=editor)
    assert b"Skin care in winter" in visit(client, home).content


@pytest.mark.usefixtures("signals_unheard")
def test_an_edit_shows_on_the_next_visitor_request_without_the_signal(client, scene):
    url = scene.thread.get_absolute_url()
    assert b"Cotton sleeves helped me." in visit(client, url).content
    posts.edit_post(scene.reply, actor=scene.author, body="Wool sleeves, rather.")
    assert b"Wool sleeves, rather." in visit(client, url).content

"""Topic pages gather the library's articles and the forum's threads on one subject."""

import pytest

from forum.models import Post
from tests.articles.factories import make_published, make_topic
from tests.forum.factories import make_thread

pytestmark = pytest.mark.django_db


def test_topic_page_lists_articles_and_visible_threads(client):
    topic = make_topic("Tacrolimus", slug="tacrolimus")
    make_published(title="Tacrolimus ointment guide", topics=[topic])
    make_thread(title="Tacrolimus stings at first", topics=[topic])
    hidden = make_thread(title="Hidden tacrolimus thread", topics=[topic])
    Post.objects.filter(pk=hidden.first_post_id).update(status=Post.Status.HIDDEN)
    make_thread(title="Thread on another subject")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Tacrolimus ointment guide" in html
    assert "Tacrolimus stings at first" in html
    assert "Hidden tacrolimus thread" not in html
    assert "Thread on another subject" not in html


def test_home_page_shows_active_discussions(client):
    make_thread(title="Newest conversation here")
    html = client.get("/").content.decode()
    assert "Active discussions" in html and "Newest conversation here" in html

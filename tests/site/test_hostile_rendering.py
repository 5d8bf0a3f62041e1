"""Hostile text in every HTML context: titles, bodies, names and bios full of quotes,
angle brackets, ampersands, backticks and a meta-refresh payload are shown as text on
every page, feed and email, and never add an element or attribute of their own."""

import ast
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from articles.models import Article
from core.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from forum.models import Board
from tests.articles.factories import make_channel, make_published, make_topic
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REFRESH = '0;url=https://evil.example/x" http-equiv="refresh" x="'
NASTY = "\"'<>&` <img src=https://evil.example/i onerror=alert(1)> </title>"
HOSTILE = f"{REFRESH} {NASTY}"
# Editors' text refuses HTML outright; what remains is still hostile in attributes.
EDITORIAL = f"{REFRESH} \"'&` 3 < 5 > 2"
NAME = 'E"\'<>&` x="1'  # 30 characters at most
SITE_HOSTS = {"testserver", "localhost", "127.0.0.1"}
SHARE_HOSTS = {"www.facebook.com", "x.com", "wa.me"}


def _template_vocabulary() -> tuple[set[str], set[str]]:
    """Every tag and attribute name our own templates write."""
    tags, attributes = set(ALLOWED_TAGS), {"rel"}
    for attrs in ALLOWED_ATTRIBUTES.values():
        attributes |= attrs
    apps = ("sclero_site", "core", "members", "articles", "forum", "search")
    for app in (*apps, "conversations"):
        # Templates, and the template tags that write markup (avatars, icons).
        sources = [
            *(ROOT / app).rglob("templates/**/*.html"),
            *(ROOT / app).rglob("templatetags/*.py"),
        ]
        for path in sources:
            text = path.read_text()
            if path.suffix == ".py":  # the markup in its string literals, joined
                text = " ".join(
                    node.value
                    for node in ast.walk(ast.parse(text))
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                )
            tags |= {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", text)}
            for tag in re.findall(r"<[a-zA-Z][^<>]*>", text):
                attributes |= {
                    name.lower()
                    for name in re.findall(r"\s([a-zA-Z_:][-\w:.]*)(?==|\s|>|$)", tag)
                }
    # What Django's form widgets render, tags and attributes.
    tags |= {"input", "select", "option", "textarea", "label", "ul", "li", "div"}
    attributes |= {
        "id",
        "name",
        "type",
        "value",
        "required",
        "maxlength",
        "minlength",
        "cols",
        "rows",
        "checked",
        "selected",
        "multiple",
        "disabled",
        "aria-describedby",
        "aria-invalid",
        "autocomplete",
        "autofocus",
        "accept",  # the photo inputs' file types (forum and conversation forms)
    }
    return tags, attributes


TAGS, ATTRIBUTES = _template_vocabulary()


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"
        if tag not in TAGS:
            self.problems.append(f"element the templates never write: {where}")
        for name, value in attrs:
            if (
                name not in ATTRIBUTES
                or name.startswith("on")
                or name
                in (
                    "style",
                    "http-equiv",
                    "srcdoc",
                    "formaction",
                )
            ):
                self.problems.append(f"attribute {name!r} not ours: {where}")
            if name in ("href", "src", "action") and value and _off_site(value):
                external_link = tag == "a" and (
                    "nofollow" in found.get("rel", "")
                    or urlsplit(value).hostname in SHARE_HOSTS
                    or value.startswith("mailto:")
                )
                if not external_link:
                    self.problems.append(f"{name} pointing off-site: {where}")
        if tag == "meta" and "http-equiv" in found:
            self.problems.append(f"meta refresh: {where}")
        if tag == "script":
            self._script = found
            if found.get("type") != "application/ld+json" and not (
                found.get("src", "").startswith("/static/")
            ):
                self.problems.append(f"script not ours: {where}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        self.text.append(data)


def _off_site(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "http", "https") and not parts.netloc:
        return False
    if parts.scheme == "data":
        return False
    return (parts.hostname or "") not in SITE_HOSTS


def check_html(html: str) -> tuple[list[str], str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems, " ".join(" ".join(checker.text).split())


@pytest.fixture
def hostile_site(settings, django_capture_on_commit_callbacks):
    settings.FORUM_NEW_MEMBER_POSTS = 0  # links from new members would wait
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    author = make_user("member", display_name=NAME, bio=HOSTILE)
    replier = make_user("member", display_name=NAME[::-1], bio=HOSTILE)
    professional = make_user("professional", display_name="Dr " + NAME[:20])
    topic = make_topic(f"Topic {NAME}", description=HOSTILE, slug="hostile-topic")
    board = make_board(name=f"Board {NAME}", description=HOSTILE)
    questions = make_board(kind=Board.Kind.QUESTIONS, name=f"Q&A {NAME}")
    thread = make_thread(
        board=board, author=author, title=HOSTILE[:150], body=HOSTILE, topics=[topic]
    )
    with django_capture_on_commit_callbacks(execute=True):  # the email task
        reply = make_post(thread, author=replier, body=HOSTILE + " (reply)")
    question = make_thread(
        board=questions,
        author=author,
        title=("Q " + HOSTILE)[:150],
        body=HOSTILE + " (question)",
        topics=[topic],
    )
    make_post(question, author=professional, body=HOSTILE + " (answer)")
    channel = make_channel(
        f"Channel {NAME}", description=HOSTILE, slug="hostile-channel"
    )
    article = make_published(
        title=EDITORIAL[:200],
        summary=EDITORIAL,
        body=EDITORIAL,
        channel=channel,
        topics=[topic],
        slug="hostile-article",
    )
    drug = make_published(
        kind=Article.Kind.DRUG,
        title=("Drug " + EDITORIAL)[:200],
        summary=EDITORIAL,
        body=EDITORIAL,
        channel=channel,
        topics=[topic],
        slug="hostile-drug",
        drug={"indications": EDITORIAL, "dosing": EDITORIAL, "brand_names": EDITORIAL},
    )
    return {
        "author": author,
        "replier": replier,
        "topic": topic,
        "board": board,
        "thread": thread,
        "reply": reply,
        "question": question,
        "channel": channel,
        "article": article,
        "drug": drug,
    }


def _pages(site):
    return {
        "thread": site["thread"].get_absolute_url(),
        "reply permalink": reverse("forum:post-permalink", args=[site["reply"].pk]),
        "Q&A question": site["question"].get_absolute_url(),
        "board": site["board"].get_absolute_url(),
        "forum index": reverse("forum:index"),
        "article": site["article"].get_absolute_url(),
        "drug page": site["drug"].get_absolute_url(),
        "channel": site["channel"].get_absolute_url(),
        "topic": reverse("topic-detail", args=[site["topic"].slug]),
        "profile": reverse("members:profile", args=[site["author"].pk]),
        "search results": reverse("search") + "?q=" + "%22%3C%3E%26%60+morphea",
        "home": reverse("home"),
        "library": reverse("articles:library"),
        "notifications": reverse("notifications:list"),
    }


@pytest.mark.parametrize("role", ["visitor", "author"])
def test_every_page_shows_hostile_text_as_text(client, hostile_site, role):
    if role == "author":
        client.force_login(hostile_site["author"])
    problems = {}
    for label, address in _pages(hostile_site).items():
        if label == "notifications" and role == "visitor":
            continue
        response = client.get(address, follow=True)
        assert response.status_code == 200, (label, response.status_code)
        found, text = check_html(response.content.decode())
        if found:
            problems[label] = found
        if label in ("thread", "reply permalink", "article", "drug page"):
            assert REFRESH in text, f"{label}: the hostile text is not shown as text"
    assert problems == {}


def test_the_thread_description_is_plain_text(client, hostile_site):
    html = client.get(hostile_site["thread"].get_absolute_url()).content.decode()
    meta = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert meta, "the description lost its quotes"
    assert meta.group(1).startswith("0;url=")
    assert "&quot; http-equiv=&quot;refresh&quot; x=&quot;" in meta.group(1)


@pytest.mark.parametrize(
    "name",
    [
        "articles:feed",
        "articles:feed-atom",
        "articles:channel-feed",
        "articles:channel-feed-atom",
    ],
)
def test_feeds_carry_hostile_titles_as_text(client, hostile_site, name):
    args = [hostile_site["channel"].slug] if "channel" in name else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [el.text or "" for el in root.iter() if el.tag.endswith("title")]
    assert EDITORIAL in titles
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        assert (
            local
            in {
                "rss",
                "channel",
                "title",
                "link",
                "description",
                "language",
                "lastBuildDate",
                "item",
                "pubDate",
                "guid",
                "category",
                "copyright",
                "feed",
                "id",
                "updated",
                "entry",
                "summary",
                "published",
                "rights",
                "subtitle",
                "author",
                "name",
                "atom:link",
            }
            or local == "link"
        ), element.tag
        assert not any(k.startswith("on") for k in element.attrib)


def test_emails_carry_hostile_text_as_plain_text(hostile_site):
    assert mail.outbox, "replying should have emailed the thread's author"
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "&quot;" not in message.body and "&lt;" not in message.body
        assert "&#x27;" not in message.body and "&amp;" not in message.body
    assert any(REFRESH[:40] in message.body for message in mail.outbox)

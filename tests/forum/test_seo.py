"""What a thread page tells search engines: JSON-LD checked against the
properties each schema.org type needs, canonical addresses, link previews."""

import json
import re
from datetime import datetime
from http import HTTPStatus

import pytest

from forum.models import Board, Post, Thread
from forum.services import delete_post, hide_post, like_post, set_helpful_answer
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

SITE = "https://sclero.example"
LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


# A small checker: the properties each type needs, and their shape ----------------


def _text(value):
    return isinstance(value, str) and value.strip() != ""


def _date(value):
    return isinstance(value, str) and datetime.fromisoformat(value) is not None


def _url(value):
    return isinstance(value, str) and value.startswith(SITE + "/")


def _count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _typed(kind):
    def check(value):
        _check(value, kind)
        return True

    return check


def _list_of(kind):
    def check(value):
        assert isinstance(value, list), f"expected a list of {kind}"
        for item in value:
            _check(item, kind)
        return True

    return check


REQUIRED = {
    "DiscussionForumPosting": {
        "headline": _text,
        "text": _text,
        "url": _url,
        "author": _typed("Person"),
        "datePublished": _date,
        "dateModified": _date,
        "interactionStatistic": _list_of("InteractionCounter"),
        "comment": _list_of("Comment"),
    },
    "Comment": {
        "text": _text,
        "url": _url,
        "author": _typed("Person"),
        "datePublished": _date,
    },
    "QAPage": {"mainEntity": _typed("Question")},
    "Question": {
        "name": _text,
        "text": _text,
        "answerCount": _count,
        "dateCreated": _date,
        "author": _typed("Person"),
    },
    "Answer": {
        "text": _text,
        "url": _url,
        "author": _typed("Person"),
        "datePublished": _date,
        "upvoteCount": _count,
    },
    "Person": {"name": _text},
    "InteractionCounter": {
        "interactionType": lambda v: v.startswith("https://schema.org/"),
        "userInteractionCount": _count,
    },
}
OPTIONAL = {
    "Person": {"url": _url, "jobTitle": _text},
    "Question": {
        "acceptedAnswer": _typed("Answer"),
        "suggestedAnswer": _list_of("Answer"),
    },
}


def _check(data, kind: str) -> None:
    assert isinstance(data, dict) and data.get("@type") == kind, (kind, data)
    for name, valid in REQUIRED[kind].items():
        assert name in data, f"{kind} lacks {name}"
        assert valid(data[name]), f"{kind}.{name} = {data[name]!r}"
    for name, valid in OPTIONAL.get(kind, {}).items():
        if name in data:
            assert valid(data[name]), f"{kind}.{name} = {data[name]!r}"


def _json_ld(page: str) -> dict:
    blocks = LD_BLOCK.findall(page)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_the_checker_refuses_a_posting_without_its_author():
    with pytest.raises(AssertionError, match="lacks author"):
        _check({"@type": "Comment", "text": "x", "url": SITE + "/x"}, "Comment")


# Discussion threads -------------------------------------------------------------


def test_a_discussion_thread_is_a_discussion_forum_posting(client):
    author = make_user("member", display_name="Willow")
    thread = make_thread(author=author, title="Tight skin on my arm", replies=2)
    reply = make_post(thread, body="Cold **hurts** me too.")
    like_post(thread.first_post, actor=make_user("member"))
    hidden = make_post(thread, body="Buy cheap pills")
    hide_post(hidden, actor=make_user("moderator"), reason="Spam")
    gone = make_post(thread, body="Something I regret")
    delete_post(gone, actor=gone.author)
    thread.refresh_from_db()

    data = _json_ld(_page(client, thread.get_absolute_url()))
    _check(data, "DiscussionForumPosting")
    assert data["headline"] == "Tight skin on my arm"
    assert data["url"] == SITE + thread.get_absolute_url()
    assert data["author"] == {
        "@type": "Person",
        "name": "Willow",
        "url": f"{SITE}/members/{author.pk}/",
    }
    counts = {
        c["interactionType"]: c["userInteractionCount"]
        for c in data["interactionStatistic"]
    }
    assert counts == {
        "https://schema.org/LikeAction": 1,
        "https://schema.org/CommentAction": thread.reply_count,
    }
    texts = [comment["text"] for comment in data["comment"]]
    assert "Cold hurts me too." in texts  # plain text, not the stored HTML
    assert len(texts) == 4  # two bulk replies, the reply, the deleted placeholder
    assert "Buy cheap pills" not in json.dumps(data)
    assert "Something I regret" not in json.dumps(data)
    by_url = {c["url"]: c for c in data["comment"]}
    assert by_url[SITE + reply.get_absolute_url()]["author"]["name"]


def test_json_ld_cannot_be_broken_out_of(client):
    thread = make_thread(body="A <b>bold</b> & </script><script>alert(1)</script>")
    hostile = "Why </script><script>alert(1)</script> & <!-- this"
    Thread.objects.filter(pk=thread.pk).update(title=hostile)
    page = _page(client, thread.get_absolute_url())
    block = LD_BLOCK.search(page).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["headline"] == hostile
    # What the member typed, as text: neither HTML-escaped nor able to close the block.
    assert data["text"].startswith("A <b>bold</b> & </script>")


def test_a_deleted_opening_post_leaves_its_text_out_of_every_description(client):
    thread = make_thread(body="My private story about my arm")
    make_post(thread)
    delete_post(thread.first_post, actor=thread.author)
    page = _page(client, thread.get_absolute_url())
    assert "My private story" not in page
    _check(_json_ld(page), "DiscussionForumPosting")


# Q&A ----------------------------------------------------------------------------


@pytest.fixture
def question():
    board = make_board(kind=Board.Kind.QUESTIONS)
    asker = make_user("member", display_name="Mei")
    question = make_thread(
        board=board, author=asker, title="Pimecrolimus on my back?", replies=0
    )
    member_answer = make_post(question, body="It helped me after two weeks.")
    pro = make_user("professional", display_name="Dr Lin", specialty="Dermatology")
    pro_answer = make_post(question, author=pro, body="Use it twice a day.")
    set_helpful_answer(member_answer, actor=asker)
    question.refresh_from_db()
    return {"thread": question, "member": member_answer, "pro": pro_answer}


def test_a_question_is_a_qa_page_with_accepted_and_suggested_answers(client, question):
    thread = question["thread"]
    data = _json_ld(_page(client, thread.get_absolute_url()))
    _check(data, "QAPage")
    entity = data["mainEntity"]
    assert entity["name"] == "Pimecrolimus on my back?"
    assert entity["answerCount"] == 2
    assert entity["author"]["name"] == "Mei"
    accepted = entity["acceptedAnswer"]
    assert accepted["url"] == SITE + question["member"].get_absolute_url()
    assert accepted["text"] == "It helped me after two weeks."
    (suggested,) = entity["suggestedAnswer"]
    assert suggested["url"] == SITE + question["pro"].get_absolute_url()
    assert suggested["author"]["name"] == "Dr Lin"
    assert suggested["author"]["jobTitle"] == "Dermatology"
    assert "jobTitle" not in accepted["author"]


def test_a_hidden_answer_is_not_suggested(client, question):
    hide_post(question["pro"], actor=make_user("moderator"), reason="Wrong")
    data = _json_ld(_page(client, question["thread"].get_absolute_url()))
    _check(data, "QAPage")
    assert "suggestedAnswer" not in data["mainEntity"]


def test_a_pending_thread_page_carries_no_json_ld(client):
    thread = make_thread()
    Post.objects.filter(pk=thread.first_post_id).update(status=Post.Status.PENDING)
    client.force_login(thread.author)
    assert LD_BLOCK.search(_page(client, thread.get_absolute_url())) is None


# Canonical addresses and pages ----------------------------------------------------


def _canonical(page: str) -> str:
    links = re.findall(r'<link rel="canonical" href="([^"]*)">', page)
    assert len(links) == 1, links
    return links[0]


def test_thread_pages_are_canonical_to_themselves_without_stray_parameters(
    client, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    thread = make_thread(replies=5)
    url = thread.get_absolute_url()
    assert _canonical(_page(client, url + "?utm_source=x")) == SITE + url
    assert _canonical(_page(client, url + "?page=1&utm_source=x")) == SITE + url
    assert _canonical(_page(client, url + "?page=2&ref=y")) == f"{SITE}{url}?page=2"
    assert _canonical(_page(client, url + "?page=abc")) == SITE + url
    assert client.get(url + "?page=3").status_code == HTTPStatus.OK
    assert client.get(url + "?page=4").status_code == HTTPStatus.NOT_FOUND
    assert client.get(url + "?page=0").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("kind", [Board.Kind.DISCUSSION, Board.Kind.QUESTIONS])
def test_thread_pages_carry_open_graph_and_a_twitter_card(client, kind):
    thread = make_thread(
        board=make_board(kind=kind), body="Itching **at night** is the worst part."
    )
    page = _page(client, thread.get_absolute_url())
    url = SITE + thread.get_absolute_url()
    assert f'<meta property="og:title" content="{thread.title}">' in page
    assert (
        '<meta property="og:description" content="Itching at night is the worst '
        'part.">' in page
    )
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:site_name" content="' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert "og:image" not in page


def test_board_and_profile_pages_carry_open_graph_without_a_photo(client):
    board = make_board(description="Living with **morphea** day to day.")
    member = make_user("member", display_name="Willow", bio="Gardener, 40s.")
    make_thread(board=board, author=member)
    board_page = _page(client, board.get_absolute_url() + "?page=1&x=2")
    assert _canonical(board_page) == SITE + board.get_absolute_url()
    assert (
        '<meta property="og:description" content="Living with **morphea** day to '
        'day.">' in board_page
    )
    profile_page = _page(client, f"/members/{member.pk}/")
    assert _canonical(profile_page) == f"{SITE}/members/{member.pk}/"
    assert '<meta property="og:title" content="Willow">' in profile_page
    assert '<meta property="og:description" content="Gardener, 40s.">' in profile_page
    assert '<meta property="og:type" content="profile">' in profile_page
    for page in (board_page, profile_page):
        assert '<meta name="twitter:card" content="summary">' in page
        assert "og:image" not in page

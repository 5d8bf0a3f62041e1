"""More pages in Traditional Chinese: the member pages, the Q&A, the report form and
the site's own pages read fully in Chinese under /zh-hant/, with no English
interface string left and no English paragraph."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from forum.models import Board
from tests.articles.factories import make_published
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_thread
from tests.site.test_i18n import interface_strings, visible_texts

pytestmark = pytest.mark.django_db

CHINESE = "zh-hant"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def member_pages():
    member = make_user("member", display_name="Maple")
    accept_terms(member)
    thread = make_thread(author=member, title="Tacrolimus and itching", replies=1)
    question = make_thread(
        board=make_board(kind=Board.Kind.QUESTIONS),
        author=member,
        title="Is burning normal with tacrolimus?",
    )
    article = make_published(title="Tacrolimus ointment for morphea")
    with translation.override(CHINESE):
        pages = {
            "channel": article.channel.get_absolute_url(),
            "q&a": question.get_absolute_url(),
            "notifications": reverse("notifications:list"),
            "messages inbox": reverse("conversations:inbox"),
            "settings": reverse("accounts:profile-edit"),
            "data export": reverse("accounts:privacy"),
            "report form": reverse("forum:post-report", args=[thread.first_post.pk]),
        }
    return member, pages


@pytest.mark.parametrize(
    "page",
    [
        "channel",
        "q&a",
        "notifications",
        "messages inbox",
        "settings",
        "data export",
        "report form",
    ],
)
def test_member_pages_in_chinese_leave_no_english_interface(client, member_pages, page):
    member, pages = member_pages
    client.force_login(member)
    path = pages[page]
    assert path.startswith("/zh-hant/")
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<html lang="zh-Hant">' in html
    assert sorted(set(visible_texts(html)) & interface_strings()) == []


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


# Three English words in a row: a sentence nobody translated (names and the
# contact address are allowed on their own).
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?(?:[ ,]+[A-Za-z]+){2,}")


@pytest.mark.parametrize("name", ["about", "privacy", "terms", "contact", "guidelines"])
def test_the_sites_own_pages_read_fully_in_chinese(client, name):
    with translation.override(CHINESE):
        path = reverse(name)
    assert path == f"/zh-hant/{name}/"
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    html = _main(response.content.decode())
    texts = visible_texts(html)
    english = [text for text in texts if ENGLISH_RUN.search(text)]
    assert english == []
    assert sum(len(text) for text in texts) > 40
    # The English page is unchanged at its own address.
    with translation.override("en"):
        english_path = reverse(name)
    english_html = _main(client.get(english_path).content.decode())
    assert any(ENGLISH_RUN.search(text) for text in visible_texts(english_html))

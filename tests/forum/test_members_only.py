"""Members-only threads: the author hides a thread from visitors and search engines.

Visitors get an invitation to sign in at its address (200, noindex, nothing of
the thread); it is left out of their lists, search results, the sitemap and the
home page, and its text is emailed only to addresses members confirmed.
"""

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from forum.models import Board, Post, Thread
from forum.services import follow_thread, send_daily_digests, start_thread
from search.searching import run_search, similar_threads
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Flare after my second pregnancy"
SECRET_BODY = "Only members should read about my zebrafish rash."


# Every role, and whether it reads members-only threads (everyone signed in does).
ROLES = [
    ("visitor", False),
    ("new member", True),
    ("member", True),
    ("professional", True),
    ("moderator", True),
    ("editor", True),
]


def sign_in(login, role: str):
    """Log in as `role`; a "new member" has not posted yet (their posts wait)."""
    if role == "new member":
        return login("member", post_count=0)
    return login(role)


@pytest.fixture
def hidden(board):
    author = make_user("member")
    accept_terms(author)
    return start_thread(
        board,
        actor=author,
        title=SECRET_TITLE,
        body=SECRET_BODY,
        members_only=True,
    )


# The choice and its default ----------------------------------------------------


def test_a_thread_takes_its_boards_default_when_the_author_does_not_choose():
    author = make_user("member")
    accept_terms(author)
    private_board = make_board(members_only_default=True)
    public_board = make_board()
    assert start_thread(
        private_board, actor=author, title="Bleach baths", body="Anyone tried them?"
    ).members_only
    assert not start_thread(
        public_board, actor=author, title="Cold hands", body="Gloves in bed?"
    ).members_only


def test_the_authors_choice_overrides_the_boards_default():
    author = make_user("member")
    accept_terms(author)
    thread = start_thread(
        make_board(members_only_default=True),
        actor=author,
        title="Going public",
        body="Happy for anyone to read this.",
        members_only=False,
    )
    assert not thread.members_only


def test_boards_are_public_by_default_qa_boards_included():
    assert not make_board(kind=Board.Kind.QUESTIONS).members_only_default
    assert not make_board().members_only_default


def test_the_new_thread_form_offers_the_checkbox_ticked_by_the_boards_default(
    client, login
):
    login("member")
    board = make_board(members_only_default=True)
    response = client.get(reverse("forum:thread-create", args=[board.slug]))
    assert response.context["form"]["members_only"].value() is True
    response = client.get(reverse("forum:thread-create", args=[make_board().slug]))
    assert response.context["form"]["members_only"].value() is False
    assert b'name="members_only"' in response.content


@pytest.mark.parametrize("ticked", [True, False])
def test_posting_the_form_records_the_authors_choice(client, login, board, ticked):
    login("member")
    data = {"title": "Which sunscreen?", "body": "Mineral or chemical?"}
    if ticked:
        data["members_only"] = "on"
    response = client.post(reverse("forum:thread-create", args=[board.slug]), data)
    assert response.status_code == HTTPStatus.FOUND
    assert Thread.objects.get(title="Which sunscreen?").members_only is ticked


# The thread's address, by role ------------------------------------------------


def test_a_visitor_is_invited_to_sign_in_and_sees_nothing_of_the_thread(client, hidden):
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert SECRET_TITLE not in html
    assert "zebrafish" not in html
    assert reverse("account_login") in html
    assert "For members only" in html


def test_a_visitor_gets_the_invitation_at_the_short_and_post_addresses_too(
    client, hidden
):
    for url in (
        reverse("forum:thread", args=[hidden.pk]),
        reverse("forum:post-permalink", args=[hidden.first_post_id]),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert SECRET_TITLE not in response.content.decode()


def test_a_missing_thread_is_still_not_found_for_a_visitor(client, hidden):
    response = client.get(reverse("forum:thread-detail", args=[hidden.pk + 1000, "x"]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_pending_members_only_thread_is_not_found_rather_than_announced(
    client, hidden
):
    hidden.first_post.status = "pending"
    hidden.first_post.save(update_fields=["status"])
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "role",
    ["new member", "member", "unverified", "professional", "moderator", "editor"],
)
def test_signed_in_people_read_a_members_only_thread(client, login, hidden, role):
    sign_in(login, role)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "zebrafish" in response.content.decode()


@pytest.mark.parametrize(("role", "listed"), ROLES)
def test_board_lists_show_members_only_threads_to_members_only(
    client, login, board, hidden, role, listed
):
    make_thread(board=board, title="An open conversation")
    sign_in(login, role)
    html = client.get(board.get_absolute_url()).content.decode()
    assert "An open conversation" in html
    assert (SECRET_TITLE in html) is listed
    assert ("Members only" in html) is listed


@pytest.mark.parametrize(("role", "shown"), ROLES)
def test_the_forum_index_names_the_latest_thread_only_to_whom_may_read_it(
    client, login, hidden, role, shown
):
    sign_in(login, role)
    html = client.get(reverse("forum:index")).content.decode()
    assert (SECRET_TITLE in html) is shown


def test_the_home_page_leaves_members_only_threads_out_for_visitors(
    client, login, hidden
):
    assert SECRET_TITLE not in client.get("/").content.decode()
    login("member")
    assert SECRET_TITLE in client.get("/").content.decode()


# Search, sitemap, feeds ---------------------------------------------------------


@pytest.mark.parametrize(("role", "found"), ROLES)
def test_search_finds_members_only_threads_for_members_only(
    client, login, hidden, role, found
):
    make_post(hidden, body="The zebrafish cream helped a lot.")
    sign_in(login, role)
    response = client.get(reverse("search"), {"q": "zebrafish"})
    assert response.status_code == HTTPStatus.OK
    titles = [r.title for r in response.context["results"].results]
    assert (SECRET_TITLE in titles) is found
    assert (len(titles) == 2) is found
    assert (SECRET_TITLE in response.content.decode()) is found


def test_search_without_a_viewer_and_related_content_are_what_a_visitor_sees(
    hidden,
):
    assert run_search("zebrafish").results == []
    assert similar_threads(SECRET_TITLE) == []


def test_the_sitemap_leaves_members_only_threads_out(client, settings, hidden):
    settings.SITE_URL = "https://sclero.example"
    public = make_thread(title="Open to everyone")
    xml = client.get("/sitemap-threads.xml").content.decode()
    assert public.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml


def test_feeds_carry_no_forum_thread(client, hidden):
    # The only feeds are the library's; a thread never appears in them.
    for url in (reverse("articles:feed"), reverse("articles:feed-atom")):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert SECRET_TITLE not in response.content.decode()
        assert "zebrafish" not in response.content.decode()


# Emails -------------------------------------------------------------------------


def test_members_only_text_is_emailed_only_to_an_address_its_member_confirmed(
    hidden, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = make_user("member", email="confirmed@example.test")
    changed = make_user("member", email="old@example.test")
    follow_thread(hidden, actor=confirmed)
    follow_thread(hidden, actor=changed)
    # The member set an address they have not confirmed: it may be anyone's.
    changed.email = "someone-else@example.test"
    changed.save(update_fields=["email"])
    EmailAddress.objects.create(user=changed, email=changed.email, verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(hidden, body="A reply about zebrafish.")
    recipients = {message.to[0] for message in mailoutbox}
    assert "confirmed@example.test" in recipients
    assert "someone-else@example.test" not in recipients
    assert "old@example.test" not in recipients


def test_a_public_threads_reply_still_reaches_an_unconfirmed_address(
    thread, mailoutbox, django_capture_on_commit_callbacks
):
    follower = make_user("member", email="old2@example.test")
    follow_thread(thread, actor=follower)
    follower.email = "new2@example.test"
    follower.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        make_post(thread, body="A public reply.")
    assert "new2@example.test" in {message.to[0] for message in mailoutbox}


def test_members_see_a_members_only_badge_and_the_page_is_never_indexed(
    client, login, hidden, thread
):
    login("member")
    html = client.get(hidden.get_absolute_url()).content.decode()
    assert "Members only" in html
    assert '<meta name="robots" content="noindex">' in html
    public = client.get(thread.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' not in public


REPLY_TEXT = "My zebrafish rash came back after the second course."


def _reply_through_the_page(client, thread):
    writer = make_user("member", display_name="Quinn Writer", post_count=10)
    accept_terms(writer)
    client.force_login(writer)
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"from_thread": "1", "body": REPLY_TEXT},
    )
    assert response.status_code == HTTPStatus.FOUND
    client.logout()
    return Post.objects.get(body=REPLY_TEXT)


def _assert_says_nothing_of_the_thread(text: str, thread) -> None:
    assert SECRET_TITLE not in text
    assert thread.slug not in text
    assert "zebrafish" not in text


def test_a_members_only_reply_email_carries_a_link_but_no_text_nor_title(
    client, hidden, mailoutbox, django_capture_on_commit_callbacks
):
    follower = make_user("member", email="follower@example.test")
    follow_thread(hidden, actor=follower)
    with django_capture_on_commit_callbacks(execute=True):
        post = _reply_through_the_page(client, hidden)
    [email] = [m for m in mailoutbox if m.to == ["follower@example.test"]]
    [author_email] = [m for m in mailoutbox if m.to == [hidden.author.email]]
    for message in (email, author_email):
        assert message.subject == "A new reply in a members-only thread"
        _assert_says_nothing_of_the_thread(message.subject + message.body, hidden)
        assert "a new reply in a members-only thread" in message.body
        assert "Quinn Writer" not in message.body
    link = f"/forum/p/{post.pk}/"
    assert link in email.body
    # The link shows the text only after signing in.
    assert "zebrafish" not in client.get(link, follow=True).content.decode()
    client.force_login(follower)
    assert "zebrafish" in client.get(link, follow=True).content.decode()


def test_a_members_only_reply_in_the_daily_digest_has_no_text_nor_title(
    client, hidden, thread, mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_user("member", email="digest@example.test", email_frequency="daily")
    follow_thread(hidden, actor=reader)
    follow_thread(thread, actor=reader)
    _reply_through_the_page(client, hidden)
    make_post(thread, body="A public reply about creams.")
    send_daily_digests()
    [digest] = [m for m in mailoutbox if m.to == ["digest@example.test"]]
    _assert_says_nothing_of_the_thread(digest.subject + digest.body, hidden)
    assert "A members-only thread" in digest.body
    assert f"/forum/t/{hidden.pk}/" in digest.body
    # A public thread's entry still has its title and text.
    assert thread.title in digest.body
    assert "A public reply about creams." in digest.body


def test_the_members_only_reply_email_is_in_the_members_language(
    client, hidden, mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_user("member", email="zh@example.test", language="zh-hant")
    follow_thread(hidden, actor=reader)
    with django_capture_on_commit_callbacks(execute=True):
        _reply_through_the_page(client, hidden)
    [email] = [m for m in mailoutbox if m.to == ["zh@example.test"]]
    assert email.subject == "僅限會員的討論串有一則新回覆"
    assert "內容只在網站上、登入後才會顯示" in email.body
    _assert_says_nothing_of_the_thread(email.body, hidden)


# A members-only thread's address names no title (issue 21, item 6) --------------

SECRET_SLUG = "flare-after-my-second-pregnancy"


def _says_nothing_of_the_title(html: str) -> None:
    assert SECRET_TITLE not in html
    assert SECRET_SLUG not in html
    assert "pregnancy" not in html


def test_a_members_only_threads_address_names_no_title(hidden, thread):
    assert hidden.slug == SECRET_SLUG
    assert hidden.get_absolute_url() == f"/forum/t/{hidden.pk}/"
    # A public thread keeps the address with its title.
    assert thread.get_absolute_url() == f"/forum/t/{thread.pk}/{thread.slug}/"


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_a_visitor_at_an_old_titled_link_gets_the_invitation_and_no_title_anywhere(
    client, hidden, prefix
):
    pages = []
    for tail in (f"{SECRET_SLUG}/", "", "some-other-words/", f"{SECRET_SLUG}/?page=2"):
        response = client.get(f"{prefix}/forum/t/{hidden.pk}/{tail}")
        assert response.status_code == HTTPStatus.OK, tail
        html = response.content.decode()
        _says_nothing_of_the_title(html)
        assert "zebrafish" not in html
        # Sign in and come back, sign up, the other language, hreflang: all to
        # the neutral address.
        assert f"next={prefix}/forum/t/{hidden.pk}/" in html.replace("%2F", "/")
        other = "" if prefix else "/zh-hant"
        assert f'name="next" value="{other}/forum/t/{hidden.pk}/"' in html
        assert (
            f'hreflang="en" href="http://127.0.0.1:8000/forum/t/{hidden.pk}/"' in html
        )
        pages.append(html)
    # The same page whatever the link said.
    assert len(set(pages)) == 1


def test_a_member_at_an_old_titled_link_is_sent_to_the_neutral_address(
    client, login, hidden
):
    login("member")
    old = f"/forum/t/{hidden.pk}/{SECRET_SLUG}/"
    response = client.get(old)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == f"/forum/t/{hidden.pk}/"
    response = client.get(old, {"page": "2"})
    assert response["Location"] == f"/forum/t/{hidden.pk}/?page=2"
    response = client.get(f"/forum/t/{hidden.pk}/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "zebrafish" in html
    canonical = (
        f'<link rel="canonical" href="http://127.0.0.1:8000/forum/t/{hidden.pk}/">'
    )
    assert canonical in html
    assert f"/forum/t/{hidden.pk}/{SECRET_SLUG}/" not in html


def test_a_public_threads_address_is_unchanged(client, thread):
    url = thread.get_absolute_url()
    assert thread.slug in url
    for other in (f"/forum/t/{thread.pk}/", f"/forum/t/{thread.pk}/wrong-words/"):
        response = client.get(other)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == url
    assert client.get(url).status_code == HTTPStatus.OK


def test_members_find_members_only_threads_by_the_neutral_address_everywhere(
    client, login, board, hidden, django_capture_on_commit_callbacks
):
    member = login("member")
    follow_thread(hidden, actor=member)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(hidden, body="Another zebrafish reply.")
    client.force_login(member)
    neutral = f'href="/forum/t/{hidden.pk}/"'
    for url in (
        reverse("forum:index"),
        board.get_absolute_url(),
        "/",
        reverse("notifications:list"),
    ):
        html = client.get(url).content.decode()
        assert SECRET_SLUG not in html, url
        if url != reverse("notifications:list"):
            assert neutral in html, url
    html = client.get(reverse("search"), {"q": "zebrafish"}).content.decode()
    assert SECRET_TITLE in html
    assert SECRET_SLUG not in html


def test_a_members_only_reply_email_leads_to_the_neutral_address(
    client, hidden, mailoutbox, django_capture_on_commit_callbacks
):
    follower = make_user("member", email="neutral@example.test")
    follow_thread(hidden, actor=follower)
    with django_capture_on_commit_callbacks(execute=True):
        _reply_through_the_page(client, hidden)
    [email] = [m for m in mailoutbox if m.to == ["neutral@example.test"]]
    assert SECRET_SLUG not in email.body
    [post_link] = _links(email.body, "/forum/p/")
    client.force_login(follower)
    for link in (f"/forum/t/{hidden.pk}/", post_link):
        response = client.get(link, follow=True)
        assert response.status_code == HTTPStatus.OK
        assert "zebrafish" in response.content.decode()
        assert response.request["PATH_INFO"] == f"/forum/t/{hidden.pk}/"
        for hop, _status in response.redirect_chain:
            assert SECRET_SLUG not in hop


def _links(text: str, start: str) -> list[str]:
    return [
        "/" + word.split("://", 1)[1].split("/", 1)[1]
        for word in text.split()
        if "://" in word and start in word
    ]


def test_the_visitors_page_cache_never_serves_a_members_view_at_the_neutral_address(
    client, settings, hidden
):
    settings.PAGECACHE_ENABLED = True
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)
    response = client.get(f"/forum/t/{hidden.pk}/")
    assert "zebrafish" in response.content.decode()
    client.logout()
    client.cookies.clear()
    for _ in range(2):  # rendered, then from the cache
        response = client.get(f"/forum/t/{hidden.pk}/")
        assert response.status_code == HTTPStatus.OK
        assert "zebrafish" not in response.content.decode()
        _says_nothing_of_the_title(response.content.decode())


def test_the_sitemap_names_no_members_only_thread_nor_its_title(
    client, settings, hidden
):
    settings.SITE_URL = "https://sclero.example"
    make_thread(title="Open to everyone")
    xml = client.get("/sitemap-threads.xml").content.decode()
    assert "open-to-everyone" in xml
    assert f"/forum/t/{hidden.pk}/" not in xml
    assert SECRET_SLUG not in xml

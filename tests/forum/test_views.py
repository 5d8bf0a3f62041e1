"""The forum's pages through the test client: what people see and what changes."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import disclaimers
from core.models import Disclaimer, DisclaimerAcknowledgement
from forum.models import Board, Notification, Post, PostLike, Thread, ThreadFollow
from forum.services import delete_post, edit_post, set_helpful_answer
from forum.tokens import unsubscribe_token
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


# Reading -------------------------------------------------------------------


def test_index_lists_groups_boards_counts_and_latest_activity(client, thread, board):
    make_post(thread)
    page = html(client.get(reverse("forum:index")))
    assert board.group.name in page
    assert f'href="{board.get_absolute_url()}"' in page
    assert thread.title in page
    board.refresh_from_db()
    assert (board.thread_count, board.post_count) == (1, 2)
    # Each count carries its own label: the row reads as a card on a phone.
    assert re.search(
        r'<td class="num"><span class="cell-label">Threads</span> 1</td>\s*'
        r'<td class="num"><span class="cell-label">Posts</span> 2</td>',
        page,
    )


def test_board_page_shows_counters_and_pinned_first(client, board):
    plain = make_thread(board=board, title="Plain thread", replies=3, likes=2)
    pinned = make_thread(board=board, title="Pinned thread")
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True)
    make_post(plain)
    page = html(client.get(board.get_absolute_url()))
    assert page.index("Pinned thread") < page.index("Plain thread")
    assert "Pinned</span>" in page
    assert re.search(
        r'<td class="num"><span class="cell-label">Replies</span> 4</td>\s*'
        r'<td class="num"><span class="cell-label">Likes</span> 2</td>',
        page,
    )


def test_board_paginates_threads(client, board, settings):
    settings.FORUM_THREADS_PER_PAGE = 2
    for n in range(5):
        make_thread(board=board, title=f"Thread number {n}")
    first = html(client.get(board.get_absolute_url()))
    third = html(client.get(board.get_absolute_url() + "?page=3"))
    assert "Thread number 4" in first and "Thread number 0" not in first
    assert "Thread number 0" in third


def test_unknown_board_is_404(client):
    assert client.get("/forum/no-such-board/").status_code == HTTPStatus.NOT_FOUND


def test_stale_slug_redirects_permanently_keeping_the_page(client, thread):
    response = client.get(f"/forum/t/{thread.pk}/old-title/?page=2")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response.url == thread.get_absolute_url() + "?page=2"
    bare = client.get(f"/forum/t/{thread.pk}/")
    assert bare.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert bare.url == thread.get_absolute_url()


def test_unicode_titles_keep_a_readable_slug(client, board, other_member):
    from forum.services import start_thread

    thread = start_thread(
        board, actor=other_member, title="Sclérodermie et été", body="x"
    )
    assert thread.slug == "sclérodermie-et-été"
    assert client.get(thread.get_absolute_url()).status_code == HTTPStatus.OK


def test_thread_shows_nested_replies_and_counters(client, thread):
    top = make_post(thread, body="Top level words")
    nested = make_post(thread, reply_to=top, body="Nested words")
    deeper = make_post(thread, reply_to=nested, body="Deeper words")
    fan = make_user("member")
    from forum.services import like_post

    like_post(thread.first_post, actor=fan)
    page = html(client.get(thread.get_absolute_url()))
    nested_list = page[page.index('class="posts nested"') :]
    assert "Nested words" in nested_list and "Deeper words" in nested_list
    assert page.index("Top level words") < page.index('class="posts nested"')
    assert "in reply to" in page[page.index(f'id="post-{deeper.pk}"') :]
    assert "4 members are following" in page
    assert "1 like</li>" in page
    assert "3 replies" in page


@pytest.mark.parametrize("page_number", [1, 2, 3])
def test_every_page_of_a_thread_shows_its_recorded_disclaimers_top_and_foot(
    client, board, page_number, django_capture_on_commit_callbacks
):
    thread = make_thread(board=board, replies=45)
    recorded = list(thread.disclaimer_versions.all())
    forum = Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            forum, body="A newer forum text.", major=True, actor=None
        )
    page = html(client.get(thread.get_absolute_url() + f"?page={page_number}"))
    top = page[page.index('id="disclaimers-top"') : page.index('class="thread-stats"')]
    foot = page[page.index('id="disclaimers-foot"') :]
    for version in recorded:
        assert str(version.body_html) in top
        assert str(version.body_html) in foot
        assert f"{version.disclaimer.name} <span" in top
    assert "A newer forum text." not in page


def test_permalink_goes_to_the_right_page_and_anchor(client, board):
    thread = make_thread(board=board, replies=25, nested=1)
    late = thread.posts.filter(parent__isnull=True, is_opening=False).last()
    child = late.children.get()
    response = client.get(reverse("forum:post-permalink", args=[child.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{thread.get_absolute_url()}?page=2#post-{child.pk}"
    first = client.get(reverse("forum:post-permalink", args=[thread.first_post_id]))
    assert first.url == f"{thread.get_absolute_url()}#post-{thread.first_post_id}"


def test_pending_posts_are_404_for_others_and_marked_for_their_author(client, thread):
    post = make_post(thread, body="Awaiting review")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PENDING)
    url = reverse("forum:post-permalink", args=[post.pk])
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    client.force_login(post.author)
    page = html(client.get(thread.get_absolute_url()))
    assert "Awaiting review" in page
    assert "Waiting for a moderator" in page


def test_deleted_post_shows_a_placeholder_and_its_text_only_to_moderators(
    client, thread
):
    post = make_post(thread, body="Something I regret")
    delete_post(post, actor=post.author)
    page = html(client.get(thread.get_absolute_url()))
    assert "This post was deleted by its author." in page
    assert "Something I regret" not in page
    client.force_login(make_user("moderator"))
    assert "Something I regret" in html(client.get(thread.get_absolute_url()))


def test_edited_posts_say_so_and_moderators_read_the_versions(client, thread):
    post = make_post(thread, body="Original text")
    edit_post(post, actor=post.author, body="Edited text")
    page = html(client.get(thread.get_absolute_url()))
    assert "edited" in page
    versions_url = reverse("forum:post-versions", args=[post.pk])
    assert versions_url not in page
    client.force_login(make_user("member"))
    assert client.get(versions_url).status_code == HTTPStatus.FORBIDDEN
    client.force_login(make_user("moderator"))
    assert versions_url in html(client.get(thread.get_absolute_url()))
    versions = html(client.get(versions_url))
    assert "Original text" in versions and "Edited text" in versions


def test_question_page_shows_the_asker_the_badge_similar_questions(client):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    asker = make_user("member", display_name="Mei", age_range="18-29", sex="female")
    question = make_thread(board=qa, author=asker, title="Pimecrolimus on my back")
    other = make_thread(board=qa, title="Pimecrolimus side effects on the back")
    answer = make_post(
        question, author=make_user("professional", display_name="Dr Lin")
    )
    set_helpful_answer(answer, actor=asker)
    page = html(client.get(question.get_absolute_url()))
    assert "Asked by" in page and "Mei</a>, age 18–29, female" in page
    assert "Health professional · Dermatology" in page
    assert "Marked helpful by the asker" in page
    similar = page[page.index('id="similar-heading"') :]
    assert other.title in similar and "Read more" in similar


def test_a_thread_page_numbers_posts_marks_the_asker_and_shows_avatars(client, board):
    asker = make_user("member", display_name="Mei Lin")
    thread = make_thread(board=board, author=asker, replies=2)
    own = make_post(thread, author=asker)
    page = html(client.get(thread.get_absolute_url()))
    assert f'<a class="post-number" href="#post-{thread.first_post_id}">' in page
    assert '<span class="visually-hidden">Post </span>#4</a>' in page
    assert page.count("Started this thread</span>") == 2  # opening and own reply
    mine = page[page.index(f'id="post-{own.pk}"') :]
    assert "Started this thread" in mine[: mine.index("</header>")]
    assert '<svg class="avatar"' in page and ">ML</text>" in page
    assert 'href="#latest"' in page and 'id="latest"' in page


def test_disclaimers_open_a_thread_in_one_line_and_the_footer_does_not_repeat_them(
    client, board
):
    thread = make_thread(board=board)
    page = html(client.get(thread.get_absolute_url()))
    top = page[page.index('id="disclaimers-top"') : page.index('class="thread-stats"')]
    assert '<details class="disclaimer-line">' in top
    assert "Not medical advice" in top and "disclaimer v1.0" in top
    assert "footer-disclaimer" not in page
    assert "footer-disclaimer" in html(client.get(reverse("forum:index")))


def test_a_questions_composer_is_labelled_your_answer(client):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa)
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)
    page = html(client.get(question.get_absolute_url()))
    reply = page[page.index('id="reply-heading"') :]
    assert ">Your answer</h2>" in reply
    assert re.search(r"<label[^>]*>Your answer:?</label>", reply)


def test_titles_and_bodies_are_escaped(client, board, other_member):
    from forum.services import start_thread

    thread = start_thread(
        board,
        actor=other_member,
        title="<script>alert(1)</script> title",
        body="<img src=x onerror=alert(1)>",
    )
    page = html(client.get(thread.get_absolute_url()))
    assert "<script>alert(1)</script>" not in page
    # The text stays text: HTML-escaped in the page, \u003C-escaped in the JSON-LD.
    json_escaped = "\\u003Cimg src=x onerror=alert(1)\\u003E"
    assert json_escaped in page
    assert "onerror=alert" not in page.replace(
        "&lt;img src=x onerror=alert(1)&gt;", ""
    ).replace(json_escaped, "")


@pytest.mark.parametrize(
    "name",
    ["index", "board", "thread", "permalink", "reply", "edit", "notifications"],
)
def test_get_requests_write_nothing(client, thread, name):
    post = make_post(thread)
    client.force_login(post.author)
    url = {
        "index": reverse("forum:index"),
        "board": thread.board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "permalink": reverse("forum:post-permalink", args=[post.pk]),
        "reply": reverse("forum:reply-create", args=[thread.pk]) + f"?to={post.pk}",
        "edit": reverse("forum:post-edit", args=[post.pk]),
        "notifications": reverse("notifications:list"),
    }[name]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


# Writing -----------------------------------------------------------------------


def test_new_thread_page_asks_a_newcomer_to_accept_the_terms(client, board):
    client.force_login(make_user("member"))
    url = reverse("forum:thread-create", args=[board.slug])
    page = html(client.get(url))
    assert "Community guidelines" in page and "Forum disclaimer" in page
    response = client.post(url, {"title": "My first thread", "body": "Hello, all."})
    assert response.status_code == HTTPStatus.OK
    assert "Please confirm that you have read" in html(response)
    assert "Hello, all." in html(response)  # nothing lost
    assert not Thread.objects.exists()


def test_accepting_the_terms_records_version_and_time(client, board):
    user = make_user("member")
    client.force_login(user)
    pending = disclaimers.pending_acknowledgements(user)
    response = client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {
            "title": "My first thread",
            "body": "Hello, all.",
            "accept_terms": "on",
            "accepted_versions": ",".join(str(v.pk) for v in pending),
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    accepted = DisclaimerAcknowledgement.objects.filter(user=user)
    assert {a.version_id for a in accepted} == {v.pk for v in pending}
    assert all(a.created_at for a in accepted)
    assert "I have read and accept" not in html(
        client.get(reverse("forum:thread-create", args=[board.slug]))
    )


def test_a_new_major_version_asks_again(
    client, board, django_capture_on_commit_callbacks
):
    user = make_user("member")
    accept_terms(user)
    guidelines = Disclaimer.objects.get(scope=Disclaimer.Scope.GUIDELINES)
    with django_capture_on_commit_callbacks(execute=True):
        disclaimers.publish_version(
            guidelines, body="New rules", major=True, actor=None
        )
    client.force_login(user)
    page = html(client.get(reverse("forum:thread-create", args=[board.slug])))
    assert "New rules" in page and "I have read and accept" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Hi", "body": "Some text"}, "at least 5 characters"),
        ({"title": "x" * 151, "body": "Some text"}, "at most 150 characters"),
        ({"title": "A fine title", "body": ""}, "Please write something"),
        ({"title": "A fine title", "body": "   "}, "Please write something"),
        ({"title": "A fine title", "body": "x" * 20_001}, "at most 20000 characters"),
        (
            {"title": "A fine title", "body": "a\x00b"},
            "(a null byte). Please remove it.",
        ),
        (
            {"title": "A fine\x00title", "body": "Body"},
            "(a null byte). Please remove it.",
        ),
    ],
)
def test_bad_input_gives_a_clear_error_and_keeps_the_text(
    client, login, board, data, message
):
    login("member")
    response = client.post(reverse("forum:thread-create", args=[board.slug]), data)
    assert response.status_code == HTTPStatus.OK
    page = html(response)
    assert message in page
    if data["body"].strip() and "\x00" not in data["body"]:
        assert data["body"][:50] in page
    assert not Thread.objects.exists()


def test_preview_renders_markdown_without_saving(client, login, thread):
    login("member")
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"body": "Some **bold** advice", "preview": "1"},
    )
    assert response.status_code == HTTPStatus.OK
    page = html(response)
    assert "<strong>bold</strong>" in page
    assert "Some **bold** advice" in page  # still in the textarea
    assert thread.posts.count() == 1


def test_reply_to_a_post_with_a_quote(client, login, thread):
    user = login("member")
    url = reverse("forum:reply-create", args=[thread.pk])
    form = html(client.get(url + f"?to={thread.first_post_id}&quote=1"))
    assert "&gt; **Willow** wrote:" in form
    body = "> **Willow** wrote:\n>\n> Tight skin\n\nMe too."
    response = client.post(
        url,
        {"body": body, "reply_to": thread.first_post_id, "quote": thread.first_post_id},
    )
    reply = Post.objects.get(author=user)
    assert response.url == reverse("forum:post-permalink", args=[reply.pk])
    assert list(reply.quotes.all()) == [thread.first_post]
    assert "<blockquote>" in reply.body_html


def test_reply_to_an_unknown_post_is_404(client, login, thread):
    login("member")
    url = reverse("forum:reply-create", args=[thread.pk])
    assert client.get(url + "?to=abc").status_code == HTTPStatus.NOT_FOUND
    assert client.get(url + "?to=999999").status_code == HTTPStatus.NOT_FOUND


def test_replying_too_fast_gets_the_429_page_with_the_text_kept(client, login, thread):
    login("member")
    url = reverse("forum:reply-create", args=[thread.pk])
    client.post(url, {"body": "First reply"})
    response = client.post(url, {"body": "Second reply, typed with care"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Second reply, typed with care" in html(response)
    assert thread.posts.count() == 2


def test_like_by_post_and_with_javascript(client, login, thread):
    user = login("member")
    url = reverse("forum:post-like", args=[thread.first_post_id])
    response = client.post(url, {"like": "1"}, headers={"accept": "application/json"})
    assert response.json() == {
        "liked": True,
        "like_count": 1,
        "like_count_text": "1 like",
    }
    client.post(url, {"like": "1"})  # a double click keeps one like
    assert PostLike.objects.filter(user=user).count() == 1
    response = client.post(url, {"like": "0"})
    assert response.status_code == HTTPStatus.FOUND
    assert not PostLike.objects.exists()


def test_like_needs_post(client, login, thread):
    login("member")
    url = reverse("forum:post-like", args=[thread.first_post_id])
    assert client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_follow_and_unfollow(client, login, thread):
    user = login("member")
    url = reverse("forum:thread-follow", args=[thread.pk])
    client.post(url, {"follow": "1"})
    assert "Stop following" in html(client.get(thread.get_absolute_url()))
    client.post(url, {"follow": "0"})
    assert not ThreadFollow.objects.filter(user=user).exists()


def test_edit_the_opening_post_and_title(client, thread):
    client.force_login(thread.author)
    url = reverse("forum:post-edit", args=[thread.first_post_id])
    assert 'name="title"' in html(client.get(url))
    client.post(url, {"title": "A clearer title", "body": "Clearer text"})
    thread.refresh_from_db()
    assert thread.title == "A clearer title"
    assert client.get(f"/forum/t/{thread.pk}/tight-skin-on-my-arm/").status_code == (
        HTTPStatus.MOVED_PERMANENTLY
    )


def test_delete_asks_first_then_deletes(client, thread):
    post = make_post(thread)
    client.force_login(post.author)
    url = reverse("forum:post-delete", args=[post.pk])
    assert "Delete my post" in html(client.get(url))
    assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED
    client.post(url)
    assert Post.objects.get(pk=post.pk).status == Post.Status.DELETED


def test_locked_thread_has_no_reply_form(client, login, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    login("member")
    page = html(client.get(thread.get_absolute_url()))
    assert "This thread is locked" in page
    assert 'class="composer"' not in page


def test_visitor_is_sent_to_log_in_from_the_new_thread_page(client, board):
    url = reverse("forum:thread-create", args=[board.slug])
    response = client.get(url)
    assert response.url == f"{reverse('account_login')}?next={url}"


# Notifications -----------------------------------------------------------------


def test_notifications_list_header_count_and_mark_read(client, thread):
    reply = make_post(thread, body="A thoughtful reply")
    client.force_login(thread.author)
    page = html(client.get(reverse("notifications:list")))
    assert "posted a new reply in “Tight skin on my arm”" in page
    assert re.search(r'Notifications <span class="badge-count">1</span>', page)
    note = Notification.objects.get(recipient=thread.author)
    client.post(reverse("notifications:read", args=[note.pk]))
    assert Notification.objects.get(pk=note.pk).read_at is not None
    assert 'class="badge-count"' not in html(client.get(reverse("notifications:list")))
    assert reply.pk


def test_cannot_mark_someone_elses_notification(client, thread):
    make_post(thread)
    note = Notification.objects.get(recipient=thread.author)
    client.force_login(make_user("member"))
    response = client.post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_mark_all_read_by_post(client, thread):
    make_post(thread)
    make_post(thread)
    client.force_login(thread.author)
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(
        recipient=thread.author, read_at__isnull=True
    ).exists()


def test_liked_notifications_are_grouped_in_the_list(client, thread):
    from forum.services import like_post

    like_post(thread.first_post, actor=make_user("member", display_name="Ann"))
    like_post(thread.first_post, actor=make_user("member", display_name="Ben"))
    client.force_login(thread.author)
    page = html(client.get(reverse("notifications:list")))
    assert "Ben and 1 other person liked your post" in page


def test_notifications_need_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == HTTPStatus.FOUND


def test_unsubscribe_link_confirms_on_get_and_works_on_post_without_login(thread):
    client = Client(enforce_csrf_checks=True)
    url = reverse(
        "notifications:unsubscribe",
        args=[unsubscribe_token(thread.author_id, thread.pk)],
    )
    page = client.get(url)
    assert "Stop emails about this thread?" in html(page)
    assert ThreadFollow.objects.filter(user=thread.author).exists()
    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == HTTPStatus.OK
    assert not ThreadFollow.objects.filter(user=thread.author).exists()


def test_a_forged_unsubscribe_token_is_404(client, thread):
    token = unsubscribe_token(thread.author_id, thread.pk)[:-2] + "xx"
    url = reverse("notifications:unsubscribe", args=[token])
    assert client.post(url).status_code == HTTPStatus.NOT_FOUND
    assert ThreadFollow.objects.filter(user=thread.author).exists()


def test_a_newcomer_can_preview_before_accepting_the_terms(client, board):
    client.force_login(make_user("member"))
    response = client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {"title": "First thread", "body": "Some *first* words", "preview": "1"},
    )
    page = html(response)
    assert "<em>first</em>" in page
    assert "Please confirm that you have read" not in page
    assert not Thread.objects.exists()


def test_a_boards_own_disclaimer_shows_on_the_board_and_new_thread_pages(client):
    rules = Disclaimer.objects.create(name="Treatments rules", scope="board")
    disclaimers.publish_version(
        rules, body="Never change a dose because of a post.", major=True, actor=None
    )
    board = make_board(disclaimer=rules)
    assert "Never change a dose" in html(client.get(board.get_absolute_url()))
    client.force_login(make_user("member"))
    page = html(client.get(reverse("forum:thread-create", args=[board.slug])))
    assert "Never change a dose" in page

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum.models import Board, Post, Thread
from forum.services import create_reply, delete_post, edit_post, purge_deleted_posts
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import make_board, make_post, make_thread

pytestmark = pytest.mark.django_db


def test_reply_to_the_thread_is_top_level_and_counted(thread):
    reply = make_post(thread, body="Welcome!")
    thread.refresh_from_db()
    assert reply.parent is None and reply.reply_to is None
    assert thread.reply_count == 1
    assert thread.last_poster_id == reply.author_id
    assert thread.last_post_at == reply.created_at
    assert thread.board.__class__.objects.get(pk=thread.board_id).post_count == 2
    assert Profile.objects.get(user=reply.author).post_count == 1


def test_reply_to_the_opening_post_is_top_level(thread):
    reply = make_post(thread, reply_to=thread.first_post)
    assert reply.parent is None
    assert reply.reply_to_id == thread.first_post_id


def test_reply_to_a_reply_is_nested_one_level_under_it(thread):
    top = make_post(thread)
    nested = make_post(thread, reply_to=top)
    assert nested.parent_id == top.pk
    assert nested.reply_to_id == top.pk


def test_reply_to_a_nested_reply_joins_the_same_group(thread):
    top = make_post(thread)
    nested = make_post(thread, reply_to=top)
    deeper = make_post(thread, reply_to=nested)
    assert deeper.parent_id == top.pk
    assert deeper.reply_to_id == nested.pk


def test_reply_to_a_post_of_another_thread_is_refused(thread, board):
    elsewhere = make_thread(board=board)
    with pytest.raises(ValidationError):
        make_post(thread, reply_to=elsewhere.first_post)


def test_markdown_is_rendered_and_sanitized_on_save(thread):
    reply = make_post(thread, body="<script>alert(1)</script> *kind* words")
    stored = Post.objects.get(pk=reply.pk)
    assert "<script" not in stored.body_html
    assert "<em>kind</em>" in stored.body_html
    assert stored.body == "<script>alert(1)</script> *kind* words"


def test_professional_answers_on_question_boards_are_marked(other_member):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=other_member)
    pro = make_post(question, author=make_user("professional"))
    member = make_post(question)
    nested_pro = make_post(question, author=make_user("professional"), reply_to=member)
    assert pro.is_professional_answer
    assert not member.is_professional_answer
    assert not nested_pro.is_professional_answer  # a comment, not an answer


def test_quoting_a_post_records_it(thread):
    quoted = thread.first_post
    author = make_user("member", display_name="Quoter")
    from tests.forum.factories import accept_terms

    accept_terms(author)
    reply = create_reply(
        thread,
        actor=author,
        body="> **Willow** wrote:\n>\n> Tight skin\n\nMe too.",
        quoted_post_ids=[quoted.pk],
    )
    assert list(reply.quotes.all()) == [quoted]


def test_a_quote_removed_from_the_text_is_not_recorded(thread):
    author = make_user("member")
    from tests.forum.factories import accept_terms

    accept_terms(author)
    reply = create_reply(
        thread, actor=author, body="I deleted the quote.", quoted_post_ids=[1, 2]
    )
    assert not reply.quotes.exists()


def test_edit_keeps_the_old_text_as_a_version(thread):
    post = make_post(thread, body="First draft")
    edit_post(post, actor=post.author, body="Second draft")
    edit_post(post, actor=post.author, body="Third draft")
    post.refresh_from_db()
    assert post.body == "Third draft"
    assert post.body_html == "<p>Third draft</p>"
    assert post.edit_count == 2 and post.is_edited
    assert list(post.versions.values_list("number", "body")) == [
        (2, "Second draft"),
        (1, "First draft"),
    ]


def test_editing_without_a_change_adds_no_version(thread):
    post = make_post(thread, body="Same")
    edit_post(post, actor=post.author, body="Same")
    post.refresh_from_db()
    assert post.edit_count == 0
    assert not post.versions.exists()


def test_editing_the_opening_post_can_change_the_title(thread):
    edit_post(
        thread.first_post, actor=thread.author, body="New text", title="New title"
    )
    thread.refresh_from_db()
    assert (thread.title, thread.slug) == ("New title", "new-title")
    assert thread.first_post.versions.get().title == "Tight skin on my arm"


def test_edit_refuses_someone_elses_post(thread):
    with pytest.raises(PermissionDenied):
        edit_post(thread.first_post, actor=make_user("moderator"), body="Changed")


def test_edit_refuses_empty_text(thread):
    with pytest.raises(ValidationError):
        edit_post(thread.first_post, actor=thread.author, body="  ")


def test_delete_leaves_a_placeholder_and_uncounts_the_reply(thread):
    post = make_post(thread)
    delete_post(post, actor=post.author)
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.DELETED
    assert post.deleted_by == post.author and post.deleted_at
    assert post.body  # kept for moderators until purged
    assert thread.reply_count == 0
    assert Profile.objects.get(user=post.author).post_count == 0


def test_deleting_the_opening_post_keeps_the_thread_listed(thread, board):
    make_post(thread)
    delete_post(thread.first_post, actor=thread.author)
    board.refresh_from_db()
    assert board.thread_count == 1
    assert board.post_count == 1
    assert Thread.objects.filter(pk=thread.pk).exists()


def test_delete_twice_is_refused(thread):
    post = make_post(thread)
    delete_post(post, actor=post.author)
    with pytest.raises(PermissionDenied):
        delete_post(post, actor=post.author)


def test_deleting_the_helpful_answer_clears_the_mark(other_member):
    from forum.services import set_helpful_answer

    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=other_member)
    answer = make_post(question, author=make_user("professional"))
    set_helpful_answer(answer, actor=other_member)
    delete_post(answer, actor=answer.author)
    question.refresh_from_db()
    assert question.helpful_post_id is None


def test_purge_erases_text_deleted_more_than_30_days_ago(thread):
    old = make_post(thread, body="Old secret")
    edit_post(old, actor=old.author, body="Old secret, edited")
    recent = make_post(thread, body="Recent secret")
    kept = make_post(thread, body="Still here")
    delete_post(old, actor=old.author)
    delete_post(recent, actor=recent.author)
    Post.objects.filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=31)
    )
    assert purge_deleted_posts() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    kept.refresh_from_db()
    assert (old.body, old.body_html) == ("", "")
    assert not old.versions.exists()
    assert recent.body == "Recent secret"
    assert kept.body == "Still here"
    assert purge_deleted_posts() == 0

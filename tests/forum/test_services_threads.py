import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import disclaimers
from core.models import Disclaimer, Topic
from forum.models import Board, Post, Thread, ThreadFollow
from forum.services import set_helpful_answer, start_thread
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db


def test_start_thread_creates_the_opening_post_and_counts_it(board, other_member):
    thread = start_thread(
        board, actor=other_member, title="  Itchy   patches ", body="**Help** please"
    )
    thread.refresh_from_db()
    board.refresh_from_db()
    assert thread.title == "Itchy patches"
    assert thread.slug == "itchy-patches"
    assert thread.first_post.is_opening
    assert thread.first_post.body_html == "<p><strong>Help</strong> please</p>"
    assert (board.thread_count, board.post_count) == (1, 1)
    assert board.last_thread_id == thread.pk
    assert Profile.objects.get(user=other_member).post_count == 1
    assert thread.reply_count == 0


def test_start_thread_follows_it_unless_the_member_turned_that_off(board):
    keen = make_user("member")
    quiet = make_user("member", follow_on_post=False)
    for user in (keen, quiet):
        accept_terms(user)
    first = start_thread(board, actor=keen, title="Keen to follow", body="Hello")
    second = start_thread(board, actor=quiet, title="Rather not follow", body="Hi")
    assert ThreadFollow.objects.filter(thread=first, user=keen).exists()
    assert not ThreadFollow.objects.filter(thread=second).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.follower_count, second.follower_count) == (1, 0)


def test_start_thread_records_site_forum_and_board_disclaimers(
    other_member, django_capture_on_commit_callbacks
):
    own = Disclaimer.objects.create(name="Board rules", scope=Disclaimer.Scope.BOARD)
    with django_capture_on_commit_callbacks(execute=True):  # clears the cache
        version = disclaimers.publish_version(
            own, body="Board text", major=True, actor=None
        )
    board = make_board(disclaimer=own)
    thread = start_thread(board, actor=other_member, title="With rules", body="Text")
    scopes = sorted(v.disclaimer.scope for v in thread.disclaimer_versions.all())
    assert scopes == ["board", "forum", "site"]
    assert version in thread.disclaimer_versions.all()


def test_a_new_disclaimer_version_never_changes_what_an_old_thread_recorded(
    board, other_member, django_capture_on_commit_callbacks
):
    old = make_thread(board=board, author=other_member)
    recorded = set(old.disclaimer_versions.values_list("pk", flat=True))
    forum = Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)
    with django_capture_on_commit_callbacks(execute=True):
        new_version = disclaimers.publish_version(
            forum, body="Forum v2", major=False, actor=None
        )
    new = make_thread(board=board, author=other_member)
    assert set(old.disclaimer_versions.values_list("pk", flat=True)) == recorded
    assert new_version in new.disclaimer_versions.all()
    assert new_version not in old.disclaimer_versions.all()


def test_start_thread_sets_topics(board, other_member):
    topic = Topic.objects.create(name="Tacrolimus", slug="tacrolimus")
    thread = start_thread(
        board, actor=other_member, title="Tacrolimus", body="Hi", topics=[topic]
    )
    assert list(thread.topics.all()) == [topic]


@pytest.mark.parametrize(
    ("title", "body", "field", "code_fragment"),
    [
        ("Hi", "Fine text", "title", "at least"),
        ("x" * 151, "Fine text", "title", "at most"),
        ("A good title", "   ", "body", "write something"),
        ("A good title", "x" * (Post.BODY_MAX + 1), "body", "most a post can hold"),
        ("A good title", "bad \x00 byte", "body", "null byte"),
    ],
)
def test_start_thread_refuses_bad_input_with_a_clear_message(
    board, other_member, title, body, field, code_fragment
):
    with pytest.raises(ValidationError) as raised:
        start_thread(board, actor=other_member, title=title, body=body)
    assert code_fragment in " ".join(raised.value.message_dict[field])
    assert not Thread.objects.exists()


def test_start_thread_needs_the_terms_accepted_first(board):
    newcomer = make_user("member")
    with pytest.raises(ValidationError) as raised:
        start_thread(board, actor=newcomer, title="First time", body="Hello all")
    assert raised.value.code == "acknowledgement_required"
    pending = disclaimers.pending_acknowledgements(newcomer)
    thread = start_thread(
        board,
        actor=newcomer,
        title="First time",
        body="Hello all",
        accepted_versions=[v.pk for v in pending],
    )
    assert thread.pk
    assert disclaimers.pending_acknowledgements(newcomer) == []


def test_unverified_people_cannot_start_threads(board):
    with pytest.raises(PermissionDenied):
        start_thread(board, actor=make_user("unverified"), title="Hello", body="Hi")


def test_set_helpful_answer_is_idempotent_and_can_be_undone(other_member):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=other_member)
    answer = make_post(question, author=make_user("professional"))
    set_helpful_answer(answer, actor=other_member)
    set_helpful_answer(answer, actor=other_member)
    question.refresh_from_db()
    assert question.helpful_post_id == answer.pk
    set_helpful_answer(answer, actor=other_member, helpful=False)
    question.refresh_from_db()
    assert question.helpful_post_id is None


def test_helpful_only_on_question_boards(board, other_member):
    thread = make_thread(board=board, author=other_member)
    reply = make_post(thread)
    with pytest.raises(PermissionDenied):
        set_helpful_answer(reply, actor=other_member)

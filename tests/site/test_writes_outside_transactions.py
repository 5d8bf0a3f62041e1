"""Every forum write and every editorial workflow step through the pages, outside any
test transaction (transaction=True), so a service that locks rows without its own
transaction fails here as it would on PostgreSQL in production. CI runs this file on
PostgreSQL too (make test-postgres)."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from articles.models import Article, CorrectionRequest
from articles.services import report_error
from conversations.models import Conversation, Message, MessageImage, MessageReport
from core.models import (
    AuditEntry,
    Disclaimer,
    DisclaimerTranslation,
    DisclaimerVersion,
)
from forum.models import Board, Post, PostLike, Report, Thread, ThreadFollow
from members.models import User
from tests.articles.factories import make_article
from tests.articles.test_admin import _form_data
from tests.conversations.factories import established, make_conversation
from tests.conversations.test_photos import ALT, _send, jpeg
from tests.core.test_disclaimers import inline_management_data
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _migration_data():
    restore_migration_data()


@pytest.fixture
def member(client):
    user = make_user("member", display_name="Wren Writer")
    accept_terms(user)
    client.force_login(user)
    return user


def _post(client, url, data=None):
    response = client.post(url, data or {})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.OK), response
    return response


# The forum --------------------------------------------------------------------------


def test_a_member_starts_a_thread_and_replies(client, member):
    board = make_board()
    _post(
        client,
        reverse("forum:thread-create", args=[board.slug]),
        {"title": "Cold fingers every morning", "body": "Does anyone else?"},
    )
    thread = Thread.objects.get(title="Cold fingers every morning")
    _post(client, reverse("forum:reply-create", args=[thread.pk]), {"body": "Yes, me."})
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert Board.objects.get(pk=board.pk).post_count == 2


def test_a_member_edits_and_deletes_their_post(client, member):
    thread = make_thread(author=member, title="Gloves that help")
    reply = make_post(thread, author=member, body="A reply I will take back.")
    opening = thread.first_post
    _post(
        client,
        reverse("forum:post-edit", args=[opening.pk]),
        {"title": "Gloves that really help", "body": "Wool over silk."},
    )
    assert Thread.objects.get(pk=thread.pk).title == "Gloves that really help"
    _post(client, reverse("forum:post-delete", args=[reply.pk]))
    assert Post.objects.get(pk=reply.pk).status == Post.Status.DELETED


def test_a_member_likes_follows_and_reports(client, member):
    thread = make_thread(title="Sunscreen on morphea")
    opening = thread.first_post
    _post(client, reverse("forum:post-like", args=[opening.pk]), {"like": "1"})
    assert PostLike.objects.filter(post=opening, user=member).exists()
    assert Post.objects.get(pk=opening.pk).like_count == 1
    _post(client, reverse("forum:thread-follow", args=[thread.pk]), {"follow": "1"})
    assert ThreadFollow.objects.filter(thread=thread, user=member).exists()
    _post(client, reverse("forum:thread-follow", args=[thread.pk]), {"follow": "0"})
    assert not ThreadFollow.objects.filter(thread=thread, user=member).exists()
    _post(
        client,
        reverse("forum:post-report", args=[opening.pk]),
        {"reason": Report.Reason.SPAM},
    )
    assert Report.objects.filter(post=opening, reporter=member).exists()
    author = User.objects.get(pk=thread.author_id)
    _post(
        client,
        reverse("forum:member-report", args=[author.pk]),
        {"reason": Report.Reason.SPAM},
    )
    assert Report.objects.filter(member=author, reporter=member).exists()


def test_the_asker_marks_a_helpful_answer(client, member):
    qa = make_board(kind=Board.Kind.QUESTIONS)
    question = make_thread(board=qa, author=member, title="Tacrolimus and sun?")
    answer = make_post(question, author=make_user("professional"), body="Sunscreen.")
    _post(client, reverse("forum:post-helpful", args=[answer.pk]), {"helpful": "1"})
    assert Thread.objects.get(pk=question.pk).helpful_post_id == answer.pk


# The library ------------------------------------------------------------------------


def _admin(name: str, *args) -> str:
    return reverse(f"admin:articles_article_{name}", args=args)


def test_every_workflow_step_through_the_editor(client):
    editor = make_user("editor")
    reviewer = make_user("professional")
    article = make_article(status="draft", kind="guide", editor=editor)
    client.force_login(editor)
    _post(client, _admin("workflow", article.pk), {"action": "submit", "reason": "."})
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    _post(client, _admin("workflow", article.pk), {"action": "return", "reason": "Fix"})
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    _post(client, _admin("workflow", article.pk), {"action": "submit", "reason": "."})
    client.force_login(reviewer)
    latest = Article.objects.get(pk=article.pk).latest_revision_id
    _post(client, _admin("review", article.pk), {"revision": latest, "note": "OK"})
    client.force_login(editor)
    _post(client, _admin("workflow", article.pk), {"action": "publish", "reason": ""})
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    _post(client, _admin("workflow", article.pk), {"action": "unpublish"})
    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
    _post(
        client,
        _admin("workflow", article.pk),
        {"action": "schedule", "publish_at": "2099-01-02T09:30"},
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.SCHEDULED
    live = Article.objects.get(pk=article.pk)
    _post(client, _admin("change", article.pk), _form_data(live, title="Retitled"))
    first = article.revisions.order_by("number").first()
    _post(client, _admin("restore", article.pk, first.pk))
    assert article.revisions.count() == 3
    _post(client, _admin("workflow", article.pk), {"action": "archive"})
    assert Article.objects.get(pk=article.pk).status == Article.Status.ARCHIVED
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"article.submit", "article.publish", "article.archive"} <= codes


def test_an_editor_closes_a_correction_request(client):
    editor = make_user("editor")
    article = make_article(status="published", kind="news", editor=editor)
    correction = report_error(
        article, actor=make_user("member"), message="The review date is a year old."
    )
    client.force_login(editor)
    _post(
        client,
        reverse("admin:articles_correctionrequest_changelist"),
        {"action": "mark_fixed", "_selected_action": [correction.pk]},
    )
    assert (
        CorrectionRequest.objects.get(pk=correction.pk).status
        == CorrectionRequest.Status.FIXED
    )


def test_an_editor_publishes_a_new_disclaimer_version(client):
    editor = make_user("editor")
    client.force_login(editor)
    disclaimer = Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)
    before = DisclaimerVersion.objects.filter(disclaimer=disclaimer).count()
    _post(
        client,
        reverse("admin:core_disclaimer_change", args=[disclaimer.pk]),
        {
            "name": disclaimer.name,
            "scope": disclaimer.scope,
            "new_version_body": "Posts are written by members, not doctors.",
            "change_note": "Shorter.",
            **inline_management_data(disclaimer),
        },
    )
    assert DisclaimerVersion.objects.filter(disclaimer=disclaimer).count() == before + 1


def test_an_editor_translates_a_disclaimer_version(client):
    client.force_login(make_user("editor"))
    disclaimer = Disclaimer.objects.get(scope=Disclaimer.Scope.FORUM)
    _post(
        client,
        reverse("admin:core_disclaimer_change", args=[disclaimer.pk]),
        {
            "name": disclaimer.name,
            "scope": disclaimer.scope,
            "new_version_body": "Members share their own experience.",
            "change_note": "Clearer",
            "translation_language": "zh-hant",
            "translation_name": "論壇免責聲明",
            "translation_body": "會員分享的是個人經驗，不是醫療建議。",
            **inline_management_data(disclaimer),
        },
    )
    disclaimer.refresh_from_db()
    assert DisclaimerTranslation.objects.filter(
        version=disclaimer.current_version, language="zh-hant"
    ).exists()


def test_an_editor_starts_a_translation_of_an_article(client):
    client.force_login(make_user("editor"))
    article = make_article(title="Keeping warm in winter")
    _post(
        client,
        reverse("admin:articles_article_translate", args=[article.pk]),
        {"language": "zh-hant"},
    )
    article.refresh_from_db()
    translation = Article.objects.exclude(pk=article.pk).get()
    assert translation.language == "zh-hant"
    assert translation.translation_group == article.translation_group


# Private conversations --------------------------------------------------------------


def test_every_conversation_write_through_the_pages(client):
    al = make_user("member", post_count=10, display_name="Al Writer")
    bea = make_user("member", post_count=10, display_name="Bea Reader")
    client.force_login(al)
    _post(
        client,
        reverse("conversations:start"),
        {"to": "Bea Reader", "subject": "", "body": "Hello Bea, how is the new cream?"},
    )
    conversation = Conversation.objects.get()
    client.force_login(bea)
    _post(client, conversation.get_absolute_url(), {"body": "Better, thank you."})
    reply = conversation.messages.get(author=bea)
    _post(
        client,
        reverse("conversations:message-edit", args=[reply.pk]),
        {"body": "Much better, thank you."},
    )
    assert Message.objects.get(pk=reply.pk).body == "Much better, thank you."
    first = conversation.messages.get(author=al)
    _post(
        client,
        reverse("conversations:message-report", args=[first.pk]),
        {"reason": "Asked for my address"},
    )
    report = MessageReport.objects.get()
    client.force_login(make_user("moderator"))
    _post(
        client,
        reverse("conversations:message-hide", args=[first.pk]),
        {"reason": "Personal details", "report": report.pk},
    )
    assert Message.objects.get(pk=first.pk).status == Message.Status.HIDDEN
    assert MessageReport.objects.get().status == MessageReport.Status.CLOSED
    client.force_login(al)
    _post(
        client,
        reverse("conversations:message-report", args=[reply.pk]),
        {"reason": "I think this is spam"},
    )
    second = MessageReport.objects.get(message=reply)
    client.force_login(make_user("moderator"))
    _post(
        client,
        reverse("conversations:report-dismiss", args=[second.pk]),
        {"reason": "Not spam"},
    )
    assert MessageReport.objects.get(pk=second.pk).status != MessageReport.Status.OPEN
    client.force_login(al)
    _post(client, reverse("conversations:leave", args=[conversation.pk]))


def test_a_moderator_decides_on_held_message_photos(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    newcomer, other = make_user("member"), established()
    conversation = make_conversation(other, newcomer)
    client.force_login(newcomer)
    _send(client, conversation, (jpeg(), ALT), (jpeg(), ALT))
    first, second = MessageImage.objects.order_by("pk")
    assert first.held and second.held
    client.force_login(make_user("moderator"))
    decide = "conversations:held-photo-decide"
    _post(client, reverse(decide, args=[first.pk]), {"decision": "approve"})
    _post(client, reverse(decide, args=[second.pk]), {"decision": "refuse"})
    assert list(MessageImage.objects.values_list("pk", "held")) == [(first.pk, False)]

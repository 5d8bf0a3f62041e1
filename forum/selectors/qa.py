"""Reads for Q&A boards: professionals' answers summed up for other pages, and the
related questions ("Related FAQ") of a question.

What these return is shown to everyone alike and cached by `search.related`, so
they apply a visitor's rules (no members-only threads) and return plain values.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, Subquery

from core.languages import reader_first
from core.names import local_text
from core.plaintext import excerpt

from ..models import Board, Post, Thread
from ..permissions import filter_visible_threads

EXCERPT_LENGTH = 220


@dataclass(frozen=True)
class AnswerSummary:
    """A verified professional's answer as another question's page shows it."""

    name: str
    specialty: str
    excerpt: str  # plain text: the short answer if there is one, else the text
    specialty_zh_hant: str = ""

    @property
    def local_specialty(self) -> str:
        return local_text(self, "specialty")


@dataclass(frozen=True)
class RelatedQuestion:
    title: str
    url: str
    specialty: str  # of the professional who answered ("" when unanswered)
    answered: bool
    language: str = ""  # the language it is written in
    specialty_zh_hant: str = ""

    @property
    def local_specialty(self) -> str:
        return local_text(self, "specialty")


def professional_answers_q(prefix: str = "") -> Q:
    """A published, top-level answer by a verified professional (as it was posted)."""
    return Q(
        **{
            f"{prefix}is_professional_answer": True,
            f"{prefix}status": Post.Status.PUBLISHED,
            f"{prefix}parent__isnull": True,
        }
    )


def is_answered() -> Exists:
    """Annotation: the thread has a professional's published answer (one subquery)."""
    return Exists(Post.objects.filter(professional_answers_q(), thread=OuterRef("pk")))


def answer_summaries(thread_ids) -> dict[int, AnswerSummary]:
    """For each thread in `thread_ids` that has one, its professional's answer (the
    one the asker marked helpful, else the first): one query for all."""
    ids = list(thread_ids)
    if not ids:
        return {}
    posts = (
        Post.objects.filter(
            professional_answers_q(),
            thread_id__in=ids,
            thread__members_only=False,
            author__isnull=False,
        )
        .select_related("author__profile", "thread")
        .only(
            "thread_id",
            "short_answer",
            "body_html",
            "created_at",
            "thread__helpful_post_id",
            "author__profile__display_name",
            "author__profile__specialty",
            "author__profile__specialty_zh_hant",
        )
        .order_by("created_at", "id")
    )
    found: dict[int, AnswerSummary] = {}
    for post in posts:
        helpful = post.thread.helpful_post_id == post.pk
        if post.thread_id in found and not helpful:
            continue
        profile = post.author.profile
        found[post.thread_id] = AnswerSummary(
            name=profile.display_name,
            specialty=profile.specialty,
            specialty_zh_hant=profile.specialty_zh_hant,
            excerpt=excerpt(post.short_answer or post.body_html, EXCERPT_LENGTH),
        )
    return found


def related_questions(
    thread: Thread, *, language: str | None = None, limit: int = 8
) -> list[RelatedQuestion]:
    """Other questions from `thread`'s board or answered in the same specialty as
    its professional's answer: those in `language` first, then answered ones,
    then latest activity; what a visitor may read. Two queries."""

    def specialty_of_answer(field: str = "specialty") -> Subquery:
        return Subquery(
            Post.objects.filter(professional_answers_q(), thread=OuterRef("pk"))
            .order_by("created_at", "id")
            .values(f"author__profile__{field}")[:1]
        )

    own = (
        Thread.objects.filter(pk=thread.pk)
        .annotate(specialty=specialty_of_answer())
        .values_list("specialty", flat=True)
        .first()
    )
    near = Q(board_id=thread.board_id)
    if own:
        near |= Q(specialty=own)
    qs = (
        filter_visible_threads(
            AnonymousUser(),
            Thread.objects.filter(
                board__kind=Board.Kind.QUESTIONS,
                first_post__status=Post.Status.PUBLISHED,
            ),
        )
        .exclude(pk=thread.pk)
        .annotate(
            answered=is_answered(),
            specialty=specialty_of_answer(),
            specialty_zh_hant=specialty_of_answer("specialty_zh_hant"),
        )
        .filter(near)
        .order_by("-answered", "-last_post_at", "-id")
        .only("pk", "title", "slug", "language", "members_only")
    )
    qs = reader_first(qs, language)
    return [
        RelatedQuestion(
            title=other.title,
            url=other.get_absolute_url(),
            specialty=other.specialty or "",
            specialty_zh_hant=other.specialty_zh_hant or "",
            answered=other.answered,
            language=other.language,
        )
        for other in qs[:limit]
    ]

"""Keeping the search entries current, from what the write services announce."""

from collections.abc import Callable, Iterable

from django.db import transaction

from articles.headings import body_text
from articles.models import Article
from core.markup import html_to_text
from forum.models import Post

from .backends import backend
from .cjk import index_terms
from .models import SearchEntry

BATCH_SIZE = 1000
_FIELDS = ["kind", "title", "summary", "body", "cjk", "published_at"]


def _with_cjk(entry: SearchEntry) -> SearchEntry:
    entry.cjk = index_terms(entry.title, entry.summary, entry.body)
    return entry


def _article_entry(article) -> SearchEntry:
    return _with_cjk(
        SearchEntry(
            kind=SearchEntry.Kind.ARTICLE,
            article=article,
            title=article.title,
            summary=article.summary,
            body=body_text(article.body_html),
            published_at=article.first_published_at
            or article.publish_at
            or article.created_at,
        )
    )


def _post_entry(post) -> SearchEntry:
    opening = post.is_opening
    return _with_cjk(
        SearchEntry(
            kind=SearchEntry.Kind.THREAD if opening else SearchEntry.Kind.POST,
            post=post,
            # Only the opening post carries the thread title: a reply matching a word
            # of its thread's title must not outrank the thread itself.
            title=post.thread.title if opening else "",
            body=html_to_text(post.body_html),
            published_at=post.created_at,
        )
    )


def _save(entries: list[SearchEntry], unique_field: str) -> None:
    if not entries:
        return
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=[unique_field],
        update_fields=_FIELDS,
    )
    ids = SearchEntry.objects.filter(
        **{f"{unique_field}__in": [getattr(e, f"{unique_field}_id") for e in entries]}
    ).values_list("pk", flat=True)
    backend().refresh(ids)


@transaction.atomic
def index_article(article) -> None:
    """Index the live content of `article` (its row is the live page)."""
    _save([_article_entry(article)], "article")


@transaction.atomic
def index_post(post) -> None:
    """Index `post` as it is now; whether it is shown is decided at query time."""
    _save([_post_entry(post)], "post")


@transaction.atomic
def forget_posts(post_ids) -> None:
    """Drop the text of purged posts from the index too (their rows stay)."""
    entries = SearchEntry.objects.filter(post_id__in=list(post_ids))
    ids = list(entries.values_list("pk", flat=True))
    entries.update(title="", summary="", body="", cjk="")
    backend().refresh(ids)


def index_thread(thread) -> None:
    """Re-index a thread's opening post (its title lives there)."""
    if thread.first_post_id:
        index_post(thread.first_post)


def _batches(queryset, size: int) -> Iterable[list]:
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1].pk


def rebuild(
    *, batch_size: int = BATCH_SIZE, log: Callable[[str], None] = lambda _: None
) -> int:
    """(Re)index every article and post in batches. Idempotent; returns the entry count."""
    total = 0
    sources = [
        ("articles", Article.objects.all(), _article_entry, "article"),
        ("posts", Post.objects.select_related("thread"), _post_entry, "post"),
    ]
    for label, queryset, make_entry, unique_field in sources:
        done = 0
        count = queryset.count()
        for batch in _batches(queryset, batch_size):
            with transaction.atomic():
                _save([make_entry(obj) for obj in batch], unique_field)
            done += len(batch)
            log(f"{label}: {done}/{count}")
        total += done
    with transaction.atomic():
        backend().finish_rebuild()
    return total

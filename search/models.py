from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable text of one article or one forum post, kept by the write services.

    On PostgreSQL `search_vector` holds the weighted tsvector (GIN-indexed by
    migration); on SQLite the FTS5 table `search_fts` indexes these rows
    (external content, kept in step by triggers created in the migration).
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        THREAD = "thread", _("Discussion")
        POST = "post", _("Reply")

    kind = models.CharField(max_length=8, choices=Kind)
    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    post = models.OneToOneField(
        "forum.Post",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
    )
    title = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The characters and character pairs of the Chinese text (search/cjk.py).
    cjk = models.TextField(blank=True, default="")
    published_at = models.DateTimeField(default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "-published_at"], name="search_kind_date_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="article", article__isnull=False, post__isnull=True)
                    | models.Q(
                        kind__in=["thread", "post"],
                        article__isnull=True,
                        post__isnull=False,
                    )
                ),
                name="search_entry_one_source",
            ),
        ]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.kind} {self.article_id or self.post_id}"

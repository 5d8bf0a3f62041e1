"""The link index between articles, and redirects from old slugs."""

from django.db import models
from django.utils import timezone

from .article import Article


class ArticleLink(models.Model):
    """The link index: `source`'s live text links to the article at `target_slug`.

    Slugs, not ids, so a link written before its target exists starts counting
    once the target is published; old slugs are matched through redirects.
    """

    source = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="outgoing_links"
    )
    target_slug = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target_slug"], name="article_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_slug}"


class ArticleRedirect(models.Model):
    """An old slug of a published article; its URL redirects permanently."""

    old_slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.article_id}"

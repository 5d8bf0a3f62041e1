"""Channels: the tree the library is browsed by."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fasturls import fast_reverse
from core.names import LocalName

from ..validators import validate_no_null_bytes


class Channel(LocalName, models.Model):
    """A section of the library, in a shallow tree: Drugs › Immunosuppressants."""

    MAX_DEPTH = 3

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent channel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_null_bytes]
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )
    related_channels = models.ManyToManyField(
        "self", verbose_name=_("related channels"), blank=True, symmetrical=True
    )

    class Meta:
        ordering = ["position", "name"]
        indexes = [
            models.Index(fields=["parent", "position", "name"], name="channel_tree_idx")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("articles:channel", self.slug)

    def clean(self) -> None:
        ancestor, depth, seen = self.parent, 1, set()
        while ancestor is not None:
            if ancestor.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A channel can't be inside itself.")}, code="cycle"
                )
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            depth += 1
            ancestor = ancestor.parent
        if depth > self.MAX_DEPTH:
            raise ValidationError(
                {
                    "parent": _("Channels nest at most %(depth)d levels deep.")
                    % {"depth": self.MAX_DEPTH}
                },
                code="depth",
            )

    def ancestors(self) -> list["Channel"]:
        """Parents from the top down. Load with `select_related("parent__parent")`."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

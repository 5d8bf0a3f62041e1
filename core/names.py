"""Names readers see, in the page's language: topics, board groups, library
channels, a professional's specialty.

A name is written in English and, when an editor gives one, in Traditional
Chinese in a field beside it (`<field>_zh_hant`), edited in the admin. Pages
show `local_text(obj)` (models: `obj.local_name`): the Chinese form on
Chinese pages when it is filled in, the English one otherwise. The rule lives
here only; the field sits on the same row, so showing it costs no query.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .languages import Language

ZH_HANT_SUFFIX = "_zh_hant"


def zh_hant_field(verbose_name, *, max_length: int = 100) -> models.CharField:
    """The Traditional Chinese form of an English name field, blank allowed."""
    return models.CharField(
        verbose_name,
        max_length=max_length,
        blank=True,
        help_text=_("Shown on Chinese pages. Left blank, they show the English form."),
    )


def local_text(obj, field: str = "name", *, language: str | None = None) -> str:
    """`obj.<field>` in `language` (the active one by default): its zh-Hant
    form on Chinese pages when there is one, else the English form."""
    language = language or translation.get_language()
    if language == Language.TRADITIONAL_CHINESE:
        chinese = getattr(obj, field + ZH_HANT_SUFFIX, "")
        if chinese:
            return chinese
    return getattr(obj, field)


class LocalName(models.Model):
    """A model whose `name` readers see: adds its zh-Hant form and `local_name`."""

    name_zh_hant = zh_hant_field(_("name in Traditional Chinese"))

    class Meta:
        abstract = True

    @property
    def local_name(self) -> str:
        return local_text(self)


def fill_zh_hant(obj, chinese: str, field: str = "name"):
    """Give `obj` the zh-Hant form `chinese` of `field` if it has none yet (demo
    data seeded before names had one); an editor's own form is left alone."""
    attribute = field + ZH_HANT_SUFFIX
    if chinese and not getattr(obj, attribute):
        setattr(obj, attribute, chinese)
        obj.save(update_fields=[attribute])
    return obj

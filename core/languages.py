"""The languages content is written in, and lists that show the reader's first."""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import translation


class Language:
    """Codes as in settings.LANGUAGES; the names in their own language."""

    ENGLISH = "en"
    TRADITIONAL_CHINESE = "zh-hant"
    CHOICES = [(ENGLISH, "English"), (TRADITIONAL_CHINESE, "繁體中文")]


def reader_first(queryset: QuerySet, language: str | None) -> QuerySet:
    """`queryset` in its own order, with what is written in `language` first."""
    if not language:
        return queryset
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.alias(
        _other_language=Case(
            When(language=language, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("_other_language", *ordering)


def written_languages(item) -> list[str]:
    """The languages `item`'s text exists in: its translations' (a mapping of
    language to item, when it has any) or its own `language`."""
    translations = getattr(item, "translations", None)
    if translations:
        return list(translations)
    return [item.language]


def written_path(item) -> str:
    """`item`'s address under the prefix of the language its text is written in."""
    with translation.override(item.language):
        return item.get_absolute_url()

"""Model fields shared by both apps."""

from django.db import models
from django.utils.safestring import mark_safe


class RenderedHTMLField(models.TextField):
    """Stores output of `core.markup.render_markdown` and reads it back as safe HTML.

    Only the markup pipeline writes these columns, so templates print them
    without `|safe` and without re-rendering.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return None if value is None else mark_safe(value)  # noqa: S308 (pipeline output)

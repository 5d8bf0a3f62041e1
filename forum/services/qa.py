"""Q&A answers: the short answer a verified professional may put before the detail.

The short answer is plain text (a few sentences, shown first, escaped where it is
shown); the post's Markdown body is the "more detail" below it. It is written
through `create_reply` and `edit_post`, and kept in versions like the body.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import clean_text

from ..models import Post


def clean_short_answer(text: str | None, *, professional_answer: bool) -> str:
    """The short answer to store ("" for none), or a ValidationError on `short_answer`."""
    text = clean_text(text, field="short_answer")
    if not text:
        return ""
    if not professional_answer:
        raise ValidationError(
            {
                "short_answer": _(
                    "Only a verified health professional's answer to the question "
                    "can have a short answer."
                )
            },
            code="not_professional_answer",
        )
    if len(text) > Post.SHORT_ANSWER_MAX:
        raise ValidationError(
            {
                "short_answer": _(
                    "The short answer is %(length)d characters long; it can hold "
                    "at most %(max)d. Please keep it to a few sentences and put "
                    "the rest under “More detail”."
                )
                % {"length": len(text), "max": Post.SHORT_ANSWER_MAX}
            },
            code="too_long",
        )
    return text

"""Text people type, checked one way everywhere: a NUL byte is refused, never stripped.

A NUL byte can't be stored by PostgreSQL and is never meant, so every form
field, model field and service that takes text refuses it with the same
message, and the person fixes it with their text still in front of them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NULL_BYTE_MESSAGE = _(
    "This text contains a character that can't be saved (a null byte). "
    "Please remove it."
)
NULL_BYTE_CODE = "null_characters"


def validate_no_null_bytes(value: str | None) -> None:
    """Refuse text that holds a NUL byte (a validator for form and model fields)."""
    if value and "\x00" in value:
        raise ValidationError(NULL_BYTE_MESSAGE, code=NULL_BYTE_CODE)


def clean_text(value: str | None, *, field: str | None = None) -> str:
    """Typed text for a service: newlines made plain, trimmed, NUL bytes refused.

    With `field`, the error is attached to that field so a form can show it there.
    """
    text = (value or "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        error = ValidationError(NULL_BYTE_MESSAGE, code=NULL_BYTE_CODE)
        raise ValidationError({field: error}) if field else error
    return text

"""URL converters shared by every urls module, registered in CoreConfig.ready().

`<uslug:slug>`: Unicode slugs (articles, channels, topics).
`<id:pk>`: a database id, 1..MAX_ID.

Anything else in that part of the path (a NUL byte, a slash, punctuation, an id
too large for any database column) is a 404 before any query runs.
"""

from django.urls import register_converter

# The largest id any of our databases stores in an integer column (PostgreSQL's
# `integer`); larger values would overflow in the database or in int() callers.
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """`value` as an id (1..MAX_ID), or None if it is not one."""
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class UnicodeSlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IdConverter:
    regex = r"[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver moves on: a 404 in the end
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(UnicodeSlugConverter, "uslug")
    register_converter(IdConverter, "id")

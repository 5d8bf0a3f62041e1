"""URL converter for Unicode slugs (articles, channels, topics): `<uslug:slug>`.

Anything else in that part of the path (a NUL byte, a slash, punctuation) is a
404 before any query runs.
"""

from django.urls import register_converter


class UnicodeSlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register() -> None:
    register_converter(UnicodeSlugConverter, "uslug")

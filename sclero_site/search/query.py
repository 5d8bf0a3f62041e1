"""What a person typed, turned into something both search backends can use safely.

No character of the input ever reaches a full-text query language as syntax:
words are extracted, then quoted (FTS5) or passed as lexemes (PostgreSQL).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 200
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what is shown back in the search box
    terms: tuple[str, ...] = field(default=())
    problem: str = ""  # a sentence for the page when there is nothing to search

    def __bool__(self) -> bool:
        return bool(self.terms) and not self.problem


def parse(raw: str | None) -> ParsedQuery:
    """Normalise a query; empty, too long and wordless queries come back with a problem."""
    text = " ".join((raw or "").replace("\x00", " ").split())
    if not text:
        return ParsedQuery(text, problem="")
    if len(text) > MAX_LENGTH:
        return ParsedQuery(
            text[:MAX_LENGTH],
            problem=str(
                _("That search is too long. Please use at most %(max)d characters.")
                % {"max": MAX_LENGTH}
            ),
        )
    terms = tuple(dict.fromkeys(word.lower() for word in _WORD.findall(text)))[
        :MAX_TERMS
    ]
    if not terms:
        return ParsedQuery(
            text,
            problem=str(_("Please type at least one word or number to search for.")),
        )
    return ParsedQuery(text, terms)


def fts5_match(terms: tuple[str, ...], *, any_term: bool = False) -> str:
    """An FTS5 MATCH expression: every term quoted; the last one also matches as a prefix."""
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    if not any_term and quoted:
        quoted[-1] += "*"
    return (" OR " if any_term else " AND ").join(quoted)


def words_from(*texts: str, limit: int = MAX_TERMS) -> tuple[str, ...]:
    """Distinct words of some texts (for 'similar' searches built from a title and topics)."""
    found: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text or ""):
            if len(word) > 2:
                found.setdefault(word.lower(), None)
    return tuple(found)[:limit]

"""What a person typed, turned into something both search backends can use safely.

No character of the input ever reaches a full-text query language as syntax:
words are extracted, then quoted (FTS5) or passed as lexemes (PostgreSQL).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .cjk import has_cjk, query_terms

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
    # Chinese runs become their character pairs (search/cjk.py).
    terms = tuple(
        dict.fromkeys(
            term for word in _WORD.findall(text) for term in query_terms(word.lower())
        )
    )[:MAX_TERMS]
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


# Words too common to say two texts are alike (PostgreSQL drops its own list too).
STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "and",
        "any",
        "are",
        "because",
        "been",
        "before",
        "being",
        "but",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "into",
        "its",
        "just",
        "more",
        "most",
        "not",
        "now",
        "off",
        "once",
        "only",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "too",
        "under",
        "until",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)


def words_from(*texts: str, limit: int = MAX_TERMS) -> tuple[str, ...]:
    """Distinct telling words of some texts (for 'similar' searches from a title and topics)."""
    found: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text or ""):
            for term in query_terms(word.lower()):
                # A Chinese pair says as much as a longer English word.
                if has_cjk(term):
                    telling = len(term) == 2
                else:
                    telling = len(term) > 2 and term not in STOP_WORDS
                if telling:
                    found.setdefault(term, None)
    return tuple(found)[:limit]

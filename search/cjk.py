"""Chinese (and Japanese) text for full-text search, which splits words at spaces.

Chinese has no spaces between words, and neither PostgreSQL's parsers nor SQLite's
unicode61 tokenizer know where a word ends: a whole clause comes out as one token,
so a search for 紅斑 would never find 紅斑性狼瘡. Every run of CJK characters is
therefore also indexed as its characters and its overlapping character pairs
(紅斑性狼瘡 → 紅 斑 性 狼 瘡 紅斑 斑性 性狼 狼瘡), stored in SearchEntry.cjk, and a
query's CJK runs become the same pairs, all required: a two-character query finds
exactly the texts that contain it, a longer one the texts holding all its pairs.
"""

import re

# Han ideographs (with extension A and compatibility), kana and bopomofo.
CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text or "") is not None


def bigrams(run: str) -> list[str]:
    """A CJK run as what a query needs: its pairs, or the one character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(*texts: str) -> str:
    """The characters and pairs of every CJK run in `texts`, distinct, space-separated."""
    found: dict[str, None] = {}
    for text in texts:
        for run in CJK_RUN.findall(text or ""):
            for char in run:
                found.setdefault(char, None)
            if len(run) > 1:
                for pair in bigrams(run):
                    found.setdefault(pair, None)
    return " ".join(found)


def query_terms(word: str) -> list[str]:
    """A query word with its CJK runs replaced by their pairs ("abc紅斑症" → abc 紅斑 斑症)."""
    terms: list[str] = []
    position = 0
    for match in CJK_RUN.finditer(word):
        if match.start() > position:
            terms.append(word[position : match.start()])
        terms.extend(bigrams(match.group()))
        position = match.end()
    if position < len(word):
        terms.append(word[position:])
    return terms

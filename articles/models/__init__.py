"""The article library: channels, topics, articles, revisions, reviews and references.

How a draft and the live page live side by side (issue 3 left the choice open):

* The `Article` row, its `Reference` rows, its `DrugProfile` and its topics and
  authors are **the page readers see**. Public selectors read only these rows.
* Editors never write them directly. Every save creates a `Revision` whose JSON
  snapshot holds all editable fields (references and drug sections included).
* While an article is not live (draft, in review, unpublished, archived) the
  services copy each new snapshot straight onto the rows, so the admin list
  shows what is being written. Once it is live (published or scheduled) the
  rows change only when a revision is published.

So a draft can never reach a reader, a list, a feed, the sitemap, related
articles or the referring-pages index: none of them read revisions.
"""

from .article import Article, add_years
from .corrections import CorrectionRequest
from .library import Channel
from .links import ArticleLink, ArticleRedirect
from .revisions import ReviewSignOff, Revision
from .sections import DRUG_SECTION_MAX, DrugProfile, Reference

__all__ = [
    "DRUG_SECTION_MAX",
    "Article",
    "ArticleLink",
    "ArticleRedirect",
    "Channel",
    "CorrectionRequest",
    "DrugProfile",
    "Reference",
    "ReviewSignOff",
    "Revision",
    "add_years",
]

"""The editor interface: articles (editor, workflow, review, revisions) and the rest."""

from .articles import ArticleAdmin
from .library import ChannelAdmin, CorrectionRequestAdmin, TopicAdmin

__all__ = ["ArticleAdmin", "ChannelAdmin", "CorrectionRequestAdmin", "TopicAdmin"]

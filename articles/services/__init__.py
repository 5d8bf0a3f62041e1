"""Every write to the library goes through these functions, whoever calls them.

A view, an admin action, a management command or `seed_demo`: each calls a
service, which checks permission, validates, writes in a transaction and
records the audit row. Search indexing (issue 6) can hook in here.
"""

from .corrections import close_correction, report_error
from .editing import EditConflict, create_article, restore_revision, save_draft
from .publishing import (
    PublishPlan,
    check_publish_article,
    publish_article,
    publish_blockers,
)
from .reviews import sign_off_review
from .translations import create_translation
from .workflow import (
    ScheduledRun,
    archive_article,
    publish_scheduled,
    return_to_draft,
    set_featured,
    submit_for_review,
    unpublish_article,
)

__all__ = [
    "EditConflict",
    "PublishPlan",
    "ScheduledRun",
    "archive_article",
    "check_publish_article",
    "close_correction",
    "create_article",
    "create_translation",
    "publish_article",
    "publish_blockers",
    "publish_scheduled",
    "report_error",
    "restore_revision",
    "return_to_draft",
    "save_draft",
    "set_featured",
    "sign_off_review",
    "submit_for_review",
    "unpublish_article",
]

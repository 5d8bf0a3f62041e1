"""Who may do what in the library. Roles are groups with these permissions.

Views ask `can_*` to decide what to show; services call `check_*` first.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_create_articles(user) -> bool:
    """Editors may start new articles."""
    return user.has_perm("articles.add_article")


def can_edit_articles(user) -> bool:
    """Editors may write drafts, restore revisions and submit for review."""
    return user.has_perm("articles.change_article")


def can_review_articles(user) -> bool:
    """Health professionals with the reviewer permission may sign off a revision."""
    return user.has_perm("articles.review_article")


def can_publish_articles(user) -> bool:
    """Editors with the publish permission publish, schedule, unpublish and archive."""
    return user.has_perm("articles.publish_article")


def can_preview_articles(user) -> bool:
    """Editors and reviewers may read drafts, revisions and previews."""
    return can_edit_articles(user) or can_review_articles(user)


def can_return_to_draft(user) -> bool:
    """Reviewers and editors may send an article in review back to its writers."""
    return can_edit_articles(user) or can_review_articles(user)


def can_report_error(user) -> bool:
    """Members with a verified email may report an error in a published article."""
    return user.is_authenticated and user.has_perm("articles.add_correctionrequest")


def can_handle_corrections(user) -> bool:
    """Editors close correction requests as fixed or dismissed."""
    return user.has_perm("articles.change_correctionrequest")


def check_create_articles(user) -> None:
    if not can_create_articles(user):
        raise PermissionDenied(_("You can't create articles."))


def check_edit_articles(user) -> None:
    if not can_edit_articles(user):
        raise PermissionDenied(_("You can't edit articles."))


def check_review_articles(user) -> None:
    if not can_review_articles(user):
        raise PermissionDenied(_("Only medical reviewers can sign off an article."))


def check_publish_articles(user) -> None:
    if not can_publish_articles(user):
        raise PermissionDenied(
            _("You can't publish, schedule, unpublish or archive articles.")
        )


def check_preview_articles(user) -> None:
    if not can_preview_articles(user):
        raise PermissionDenied(_("Only editors and reviewers can preview drafts."))


def check_return_to_draft(user) -> None:
    if not can_return_to_draft(user):
        raise PermissionDenied(_("You can't send articles back to draft."))


def check_report_error(user) -> None:
    if not can_report_error(user):
        raise PermissionDenied(
            _("Please confirm your email address before reporting an error.")
        )


def check_handle_corrections(user) -> None:
    if not can_handle_corrections(user):
        raise PermissionDenied(_("You can't handle correction requests."))

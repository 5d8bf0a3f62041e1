"""Who may do what in the forum. Views ask `can_*`; services call `check_*` first.

Roles are groups with model permissions (see the 0002 and 0005 data
migrations): members hold `add_thread`, `add_post`, `add_postlike`,
`add_threadfollow` and `add_report`; moderators also hold `moderate_post` (see
pending, hidden and deleted posts, and act in the moderation queue) and
`view_postversion` (read edit history); health professionals, editors and
moderators hold `post_without_approval` (no new-member sandbox). Superusers hold
everything. A suspended member (`Profile.suspended_until`) may read, follow,
delete their own posts and export their data, but not post, edit, like or report.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import date_format
from members.security import may_answer_as_professional

from .conf import app_settings
from .models import Post, Report, Thread

# Posts everyone may see on the page: published ones, and deleted ones as a
# placeholder that keeps the conversation readable.
PUBLIC_STATUSES = (Post.Status.PUBLISHED, Post.Status.DELETED)


def is_moderator(user) -> bool:
    """Moderators see every post whatever its state."""
    return user.is_authenticated and user.has_perm("forum.moderate_post")


def is_suspended(user) -> bool:
    """A moderator suspended this member: they can read but not take part until then."""
    if not user.is_authenticated:
        return False
    profile = getattr(user, "profile", None)
    return profile is not None and profile.is_suspended


def _suspended_refusal(user) -> PermissionDenied:
    until = timezone.localtime(user.profile.suspended_until)
    return PermissionDenied(
        _(
            "Your account is suspended until %(date)s. You can still read the forum, "
            "but you can't post, edit, like or report until then."
        )
        % {"date": date_format(until, "j F Y, H:i")}
    )


def is_new_member(user) -> bool:
    """Members with fewer than FORUM_NEW_MEMBER_POSTS (5 by default) published posts get tighter limits."""
    return user.profile.post_count < app_settings.NEW_MEMBER_POSTS


# Reading -------------------------------------------------------------------


def filter_visible_posts(user, qs: QuerySet[Post]) -> QuerySet[Post]:
    """Posts `user` may see: public ones, plus their own pending/hidden ones; all for moderators."""
    if is_moderator(user):
        return qs
    if user.is_authenticated:
        return qs.filter(Q(status__in=PUBLIC_STATUSES) | Q(author_id=user.pk))
    return qs.filter(status__in=PUBLIC_STATUSES)


def filter_visible_threads(user, qs: QuerySet[Thread]) -> QuerySet[Thread]:
    """Threads whose opening post `user` may see (a pending or hidden opening hides
    the thread); members-only threads are for signed-in members only."""
    if is_moderator(user):
        return qs
    public = Q(first_post__status__in=PUBLIC_STATUSES)
    if user.is_authenticated:
        return qs.filter(public | Q(author_id=user.pk))
    return qs.filter(public, members_only=False)


def can_read_members_only(user) -> bool:
    """Signed-in members read members-only threads; visitors are asked to sign in."""
    return user.is_authenticated


def can_see_thread_in_lists(user, thread: Thread) -> bool:
    """A thread's title may be shown to `user` in a list (a board's latest activity)."""
    return not thread.members_only or can_read_members_only(user)


def can_read_post_text(user, post: Post) -> bool:
    """Deleted text stays readable for moderators only (until it is purged)."""
    return not post.is_deleted or is_moderator(user)


def can_view_post_versions(user, post: Post | None = None) -> bool:
    """Moderators may read every version of an edited post."""
    return user.is_authenticated and user.has_perm("forum.view_postversion")


# Taking part ---------------------------------------------------------------


def _refusal(user, message: str) -> PermissionDenied:
    if not user.is_authenticated:
        return PermissionDenied(_("Please log in to take part."))
    return PermissionDenied(message)


def can_start_thread(user, board=None) -> bool:
    """Verified members may start threads, unless suspended."""
    return (
        user.is_authenticated
        and user.has_perm("forum.add_thread")
        and not is_suspended(user)
    )


def check_start_thread(user, board=None) -> None:
    if is_suspended(user):
        raise _suspended_refusal(user)
    if not can_start_thread(user, board):
        raise _refusal(user, _("You can't start a thread."))


def can_reply(user, thread: Thread) -> bool:
    """Verified members may reply, except in locked threads (moderators still may)."""
    if not (user.is_authenticated and user.has_perm("forum.add_post")):
        return False
    if is_suspended(user):
        return False
    return not thread.is_locked or is_moderator(user)


def check_reply(user, thread: Thread) -> None:
    if is_suspended(user):
        raise _suspended_refusal(user)
    if thread.is_locked and not is_moderator(user):
        raise PermissionDenied(_("This thread is locked: it takes no new replies."))
    if not can_reply(user, thread):
        raise _refusal(user, _("You can't reply here."))


def can_give_short_answer(user, thread: Thread, reply_to: Post | None = None) -> bool:
    """Verified professionals answering a Q&A question (not a reply to a reply)."""
    return (
        thread.board.is_questions
        and (reply_to is None or reply_to.is_opening)
        and may_answer_as_professional(user)
    )


def can_save_draft(user) -> bool:
    """Verified members may keep drafts (even while suspended: nothing is published)."""
    return user.is_authenticated and user.has_perm("forum.add_post")


def check_save_draft(user) -> None:
    if not can_save_draft(user):
        raise _refusal(user, _("You can't save drafts."))


def can_edit_post(user, post: Post) -> bool:
    """Authors may edit their own posts unless deleted or in a locked thread."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and user.has_perm("forum.add_post")
        and not post.is_deleted
        and not post.thread.is_locked
        and not is_suspended(user)
    )


def check_edit_post(user, post: Post) -> None:
    if is_suspended(user) and post.author_id == user.pk:
        raise _suspended_refusal(user)
    if not can_edit_post(user, post):
        raise _refusal(user, _("You can't edit this post."))


def can_delete_post(user, post: Post) -> bool:
    """Authors may delete their own posts (a placeholder stays in the thread)."""
    return user.is_authenticated and post.author_id == user.pk and not post.is_deleted


def check_delete_post(user, post: Post) -> None:
    if not can_delete_post(user, post):
        raise _refusal(user, _("You can't delete this post."))


def can_like_post(user, post: Post) -> bool:
    """Signed-in members may like visible posts they did not write."""
    return (
        user.is_authenticated
        and user.has_perm("forum.add_postlike")
        and post.is_visible
        and post.author_id != user.pk
        and not is_suspended(user)
    )


def check_like_post(user, post: Post) -> None:
    if user.is_authenticated and post.author_id == user.pk:
        raise PermissionDenied(_("You can't like your own post."))
    if is_suspended(user):
        raise _suspended_refusal(user)
    if not can_like_post(user, post):
        raise _refusal(user, _("You can't like this post."))


def can_follow_thread(user, thread: Thread) -> bool:
    """Verified members may follow threads."""
    return user.is_authenticated and user.has_perm("forum.add_threadfollow")


def check_follow_thread(user, thread: Thread) -> None:
    if not can_follow_thread(user, thread):
        raise _refusal(user, _("You can't follow threads."))


def can_mark_helpful(user, post: Post) -> bool:
    """On a Q&A board, the asker may mark one published answer (not their own) as helpful."""
    thread = post.thread
    return (
        user.is_authenticated
        and user.has_perm("forum.add_post")
        and thread.board.is_questions
        and thread.author_id == user.pk
        and not post.is_opening
        and post.parent_id is None
        and post.is_visible
        and post.author_id != user.pk
    )


def check_mark_helpful(user, post: Post) -> None:
    if not can_mark_helpful(user, post):
        raise _refusal(
            user, _("Only the person who asked can mark an answer as helpful.")
        )


# Reports ---------------------------------------------------------------------


def can_report_post(user, post: Post) -> bool:
    """Verified members may report a post they can read; on their own, only to ask for deletion."""
    return (
        user.is_authenticated
        and user.has_perm("forum.add_report")
        and not is_suspended(user)
        and not post.is_deleted
        and (post.is_visible or post.author_id == user.pk)
    )


def report_reasons(user, post: Post) -> list[str]:
    """The reasons `user` may give about `post`.

    Its author may only request deletion; a member quoted in it may also request
    deletion (of the quote); others report what is wrong with it.
    """
    if post.author_id == user.pk:
        return [Report.Reason.DELETION]
    reasons = [reason for reason in Report.Reason if reason != Report.Reason.DELETION]
    if post.quotes.filter(author_id=user.pk).exists():
        reasons.insert(-1, Report.Reason.DELETION)
    return reasons


def check_report_post(user, post: Post, reason: str | None = None) -> None:
    if is_suspended(user):
        raise _suspended_refusal(user)
    if not can_report_post(user, post):
        raise _refusal(user, _("You can't report this post."))
    if reason is not None and reason not in report_reasons(user, post):
        raise PermissionDenied(
            _(
                "Only the author of a post, or a member it quotes, can request its deletion."
            )
            if reason == Report.Reason.DELETION
            else _("You can only request the deletion of your own post.")
        )


def can_report_member(user, member) -> bool:
    """Verified members may report another member's profile."""
    return (
        user.is_authenticated
        and user.has_perm("forum.add_report")
        and not is_suspended(user)
        and member.pk != user.pk
        and member.is_active
    )


def check_report_member(user, member) -> None:
    if is_suspended(user):
        raise _suspended_refusal(user)
    if not can_report_member(user, member):
        raise _refusal(user, _("You can't report this profile."))


# Moderation ------------------------------------------------------------------


def can_moderate(user) -> bool:
    """Moderators review reports and pending posts and act on posts, threads and members."""
    return is_moderator(user)


def check_moderate(user) -> None:
    if not can_moderate(user):
        raise _refusal(user, _("Only moderators can do this."))


def can_view_moderation_log(user) -> bool:
    """Moderators read the audit log of moderation and editorial actions."""
    return is_moderator(user)


def check_view_moderation_log(user) -> None:
    if not can_view_moderation_log(user):
        raise _refusal(user, _("Only moderators can read the moderation log."))


def can_post_without_approval(user) -> bool:
    """Moderators, editors and verified professionals skip the new-member sandbox."""
    return is_moderator(user) or user.has_perm("forum.post_without_approval")


def can_sanction_member(user, member) -> bool:
    """Moderators may warn, suspend or ban members, but not themselves or other moderators."""
    return (
        can_moderate(user)
        and member.pk != user.pk
        and not member.is_superuser
        and not member.has_perm("forum.moderate_post")
    )


def check_sanction_member(user, member) -> None:
    check_moderate(user)
    if not can_sanction_member(user, member):
        raise PermissionDenied(
            _("Moderators can't warn, suspend or ban themselves or other moderators.")
        )

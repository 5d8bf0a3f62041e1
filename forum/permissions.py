"""Who may do what in the forum. Views ask `can_*`; services call `check_*` first.

Roles are groups with model permissions (see the 0002 data migration): members
hold `add_thread`, `add_post`, `add_postlike` and `add_threadfollow`; moderators
also hold `moderate_post` (see pending, hidden and deleted posts) and
`view_postversion` (read edit history). Superusers hold everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import Post, Thread

# Posts everyone may see on the page: published ones, and deleted ones as a
# placeholder that keeps the conversation readable.
PUBLIC_STATUSES = (Post.Status.PUBLISHED, Post.Status.DELETED)


def is_moderator(user) -> bool:
    """Moderators see every post whatever its state."""
    return user.is_authenticated and user.has_perm("forum.moderate_post")


def is_new_member(user) -> bool:
    """Members with fewer than FORUM_NEW_MEMBER_POSTS (5) published posts get tighter limits."""
    from django.conf import settings

    threshold = getattr(settings, "FORUM_NEW_MEMBER_POSTS", 5)
    return user.profile.post_count < threshold


# Reading -------------------------------------------------------------------


def filter_visible_posts(user, qs: QuerySet[Post]) -> QuerySet[Post]:
    """Posts `user` may see: public ones, plus their own pending/hidden ones; all for moderators."""
    if is_moderator(user):
        return qs
    if user.is_authenticated:
        return qs.filter(Q(status__in=PUBLIC_STATUSES) | Q(author_id=user.pk))
    return qs.filter(status__in=PUBLIC_STATUSES)


def filter_visible_threads(user, qs: QuerySet[Thread]) -> QuerySet[Thread]:
    """Threads whose opening post `user` may see (a pending or hidden opening hides the thread)."""
    if is_moderator(user):
        return qs
    public = Q(first_post__status__in=PUBLIC_STATUSES)
    if user.is_authenticated:
        return qs.filter(public | Q(author_id=user.pk))
    return qs.filter(public)


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
    """Verified members may start threads."""
    return user.is_authenticated and user.has_perm("forum.add_thread")


def check_start_thread(user, board=None) -> None:
    if not can_start_thread(user, board):
        raise _refusal(user, _("You can't start a thread."))


def can_reply(user, thread: Thread) -> bool:
    """Verified members may reply, except in locked threads (moderators still may)."""
    if not (user.is_authenticated and user.has_perm("forum.add_post")):
        return False
    return not thread.is_locked or is_moderator(user)


def check_reply(user, thread: Thread) -> None:
    if thread.is_locked and not is_moderator(user):
        raise PermissionDenied(_("This thread is locked: it takes no new replies."))
    if not can_reply(user, thread):
        raise _refusal(user, _("You can't reply here."))


def can_edit_post(user, post: Post) -> bool:
    """Authors may edit their own posts unless deleted or in a locked thread."""
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and user.has_perm("forum.add_post")
        and not post.is_deleted
        and not post.thread.is_locked
    )


def check_edit_post(user, post: Post) -> None:
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
    )


def check_like_post(user, post: Post) -> None:
    if user.is_authenticated and post.author_id == user.pk:
        raise PermissionDenied(_("You can't like your own post."))
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

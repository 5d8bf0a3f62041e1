"""The forum's part of a member's data export and account deletion.

`members.privacy` calls `export(user)` and `erase(user, remove_posts=...)`.
Erasing goes through the same counters as everything else, so boards, threads
and posts keep exact counts after the account is gone.
"""

from django.db import transaction
from django.utils import timezone

from core import pagecache
from core.fasturls import fast_reverse
from core.seo import absolute_url
from core.signals import content_erased
from members.models import User

from ..models import (
    Draft,
    Notification,
    Post,
    PostImage,
    PostLike,
    PostVersion,
    Report,
    Sanction,
    Thread,
    ThreadFollow,
    ThreadMute,
)
from . import counters
from .follows import unfollow_thread
from .images import remove_photos
from .likes import unlike_post


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _posts(user: User) -> list[dict]:
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread__board")
        .prefetch_related("versions")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": post.pk,
            "thread": {"id": post.thread_id, "title": post.thread.title},
            "board": post.thread.board.name,
            "opening_post": post.is_opening,
            "status": post.status,
            "text": post.body,
            "short_answer": post.short_answer,
            "created_at": _iso(post.created_at),
            "edited_at": _iso(post.edited_at),
            "hidden_reason": post.hidden_reason,
            "likes": post.like_count,
            "earlier_versions": [
                {
                    "number": version.number,
                    "title": version.title,
                    "text": version.body,
                    "short_answer": version.short_answer,
                    "written_at": _iso(version.written_at),
                    "replaced_at": _iso(version.created_at),
                }
                for version in sorted(post.versions.all(), key=lambda v: v.number)
            ],
        }
        for post in posts
    ]


def export(user: User) -> dict:
    """The member's posts (with every version), likes, follows, reports,
    notifications and drafts."""
    return {
        "forum_posts": _posts(user),
        "forum_threads_started": [
            {"id": t.pk, "title": t.title, "created_at": _iso(t.created_at)}
            for t in Thread.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "forum_likes": [
            {
                "post": like.post_id,
                "thread": like.post.thread.title,
                "at": _iso(like.created_at),
            }
            for like in PostLike.objects.filter(user=user)
            .select_related("post__thread")
            .order_by("created_at", "pk")
        ],
        "forum_follows": [
            {
                "thread": f.thread_id,
                "title": f.thread.title,
                "since": _iso(f.created_at),
            }
            for f in ThreadFollow.objects.filter(user=user)
            .select_related("thread")
            .order_by("created_at", "pk")
        ],
        "forum_email_unsubscribes": [
            {
                "thread": m.thread_id,
                "title": m.thread.title,
                "since": _iso(m.created_at),
            }
            for m in ThreadMute.objects.filter(user=user)
            .select_related("thread")
            .order_by("created_at", "pk")
        ],
        "forum_reports_made": [
            {
                "about": {"post": r.post_id} if r.post_id else {"member": r.member_id},
                "reason": r.reason,
                "note": r.note,
                "status": r.status,
                "outcome": r.outcome,
                "created_at": _iso(r.created_at),
                "resolved_at": _iso(r.resolved_at),
            }
            for r in Report.objects.filter(reporter=user).order_by("created_at", "pk")
        ],
        "forum_notifications": [
            {
                "kind": n.kind,
                "thread": n.thread.title if n.thread_id else None,
                "post": n.post_id,
                "action": n.action,
                "message": n.message,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
            }
            for n in Notification.objects.filter(recipient=user)
            .select_related("thread")
            .order_by("created_at", "pk")
        ],
        "forum_moderation_received": [
            {
                "kind": s.kind,
                "message": s.reason,
                "until": _iso(s.ends_at),
                "lifted_at": _iso(s.lifted_at),
                "created_at": _iso(s.created_at),
            }
            for s in Sanction.objects.filter(member=user).order_by("created_at", "pk")
        ],
        "forum_photos": [
            {
                "post": image.post_id,
                "description": image.alt_text,
                "file": image.image.name,
                "url": absolute_url(fast_reverse("forum:photo", image.pk)),
                "added_at": _iso(image.created_at),
            }
            for image in PostImage.objects.filter(post__author=user).order_by(
                "created_at", "pk"
            )
        ],
        "forum_drafts": [
            {
                "new_thread_on_board": d.board.name if d.board_id else None,
                "reply_in_thread": d.thread.title if d.thread_id else None,
                "title": d.title,
                "text": d.body,
                "updated_at": _iso(d.updated_at),
            }
            for d in Draft.objects.filter(author=user)
            .select_related("board", "thread")
            .order_by("updated_at", "pk")
        ],
    }


@transaction.atomic
def erase(user: User, *, remove_posts: bool) -> dict:
    """Prepare the forum for `user`'s account to be deleted; what was removed.

    Likes and follows are taken back through their services (counters stay
    exact); reports about the profile go with it. With `remove_posts` every post's
    text and versions are erased and each post becomes a deleted placeholder;
    otherwise the posts stay and show "Former member" once the account is gone.
    """
    likes = PostLike.objects.filter(user=user).select_related("post")
    for like in list(likes):
        unlike_post(like.post, actor=user)
    follows = ThreadFollow.objects.filter(user=user).select_related("thread")
    for follow in list(follows):
        unfollow_thread(follow.thread, actor=user)
    Report.objects.filter(member=user, post__isnull=True).delete()
    Draft.objects.filter(author=user).delete()
    removed = 0
    if remove_posts:
        removed = _remove_posts(user)
    return {"likes_removed": len(likes), "posts_removed": removed}


def _remove_posts(user: User) -> int:
    now = timezone.now()
    posts = list(
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread")
        .filter(author=user)
        .exclude(status=Post.Status.DELETED, body="", body_html="")
    )
    for post in posts:
        was_counted = post.is_visible
        if post.status != Post.Status.DELETED:
            post.status = Post.Status.DELETED
            post.deleted_at = now
        post.body = ""
        post.body_html = ""
        post.short_answer = ""
        post.hidden_reason = ""
        post.held_for = ""
        post.save(
            update_fields=[
                "status",
                "deleted_at",
                "body",
                "body_html",
                "short_answer",
                "hidden_reason",
                "held_for",
            ]
        )
        if was_counted:
            counters.post_unpublished(post)
        if post.thread.helpful_post_id == post.pk:
            Thread.objects.filter(pk=post.thread_id).update(helpful_post=None)
    ids = [post.pk for post in posts]
    remove_photos(Post.objects.filter(author=user))
    PostVersion.objects.filter(post__author=user).delete()
    # Reports kept a copy of the text: it goes too.
    Report.objects.filter(post__author=user).update(snapshot="")
    if ids:
        pagecache.content_changed(Post)
        content_erased.send(sender=Post, ids=ids)
    return len(posts)

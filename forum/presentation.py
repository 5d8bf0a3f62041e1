"""What a thread page shows for each post, worked out once in Python.

A thread page shows up to 60 posts, each with about ten actions. Asking the
permission rules and building labels and addresses in the template costs more
CPU than the rest of the page; here it is plain Python calling the same
`forum.permissions` rules, and the template only prints the result.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import pagecache
from core.fasturls import fast_reverse
from members.community import blocks_around

from . import permissions
from .models import Post, Thread


@dataclass(slots=True)
class PostView:
    author_name: str
    author_url: str
    permalink: str
    in_reply_to: str  # the name of the person answered, when not the group's first post
    is_helpful: bool
    can_read_text: bool
    like_url: str = ""
    reply_url: str = ""
    quote_url: str = ""
    helpful_url: str = ""
    edit_url: str = ""
    delete_url: str = ""
    report_url: str = ""
    moderate_url: str = ""
    versions_url: str = ""
    by_label: str = (
        ""  # "the post by NAME": said after "Like", "Report"… by screen readers
    )
    reply_label: str = ""
    helpful_label: str = ""
    blocked: bool = False  # the viewer blocked the author: the text is folded away
    message_url: str = ""  # start a private conversation with the author
    # The rendered header (forum/includes/post_header.html): the same for every
    # reader, so kept in the page cache's fragments under the content version.
    header_html: str = ""


def action_labels() -> dict[str, str]:
    """The action words every post repeats, translated once per page."""
    return {
        "like": _("Like"),
        "unlike": _("Unlike"),
        "reply": _("Reply"),
        "quote": _("Quote"),
        "report": _("Report"),
        "moderate": _("Moderate"),
    }


def like_count_text(count: int) -> str:
    """The like count in words ("3 likes") in the active language, as the footer says it."""
    return ngettext("%(counter)s like", "%(counter)s likes", count) % {"counter": count}


def author_name(user) -> str:
    """A member's display name; 'Former member' once the account is gone."""
    return user.profile.display_name if user is not None else _("Former member")


def present_posts(posts: list[Post], *, viewer, thread: Thread) -> None:
    """Attach `post.view` (a PostView) to each post for the thread template."""
    may_reply = permissions.can_reply(viewer, thread)
    moderator = permissions.can_moderate(viewer)
    versions = permissions.can_view_post_versions(viewer)
    blocked, blocked_by = blocks_around(viewer)
    may_message = viewer.is_authenticated and viewer.has_perm(
        "conversations.add_message"
    )
    message_base = fast_reverse("conversations:start")
    reply_base = fast_reverse("forum:reply-create", thread.pk)
    for post in posts:
        name = author_name(post.author)
        view = PostView(
            author_name=name,
            author_url=fast_reverse("members:profile", post.author_id)
            if post.author_id
            else "",
            permalink=fast_reverse("forum:post-permalink", post.pk),
            in_reply_to=author_name(post.reply_to.author)
            if post.parent_id
            and post.reply_to_id
            and post.reply_to_id != post.parent_id
            else "",
            is_helpful=post.pk == thread.helpful_post_id,
            can_read_text=permissions.can_read_post_text(viewer, post),
            by_label=_("the post by %(name)s") % {"name": name},
            blocked=post.author_id in blocked,
        )
        if permissions.can_like_post(viewer, post):
            view.like_url = fast_reverse("forum:post-like", post.pk)
        if may_reply and post.is_visible:
            view.reply_url = f"{reply_base}?to={post.pk}"
            view.quote_url = f"{reply_base}?to={post.pk}&quote=1"
            view.reply_label = _("to %(name)s") % {"name": name}
        if permissions.can_mark_helpful(viewer, post):
            view.helpful_url = fast_reverse("forum:post-helpful", post.pk)
            view.helpful_label = _("(answer by %(name)s)") % {"name": name}
        if permissions.can_edit_post(viewer, post):
            view.edit_url = fast_reverse("forum:post-edit", post.pk)
        if permissions.can_delete_post(viewer, post):
            view.delete_url = fast_reverse("forum:post-delete", post.pk)
        if permissions.can_report_post(viewer, post):
            view.report_url = fast_reverse("forum:post-report", post.pk)
        if (
            may_message
            and post.author_id
            and post.author_id != viewer.pk
            and post.author.is_active
            and post.author.profile.accepts_new_conversations
            and post.author_id not in blocked
            and post.author_id not in blocked_by
        ):
            view.message_url = f"{message_base}?to={post.author_id}"
        if moderator:
            view.moderate_url = fast_reverse("forum:moderation-post", post.pk)
        if versions and post.edit_count:
            view.versions_url = fast_reverse("forum:post-versions", post.pk)
        post.view = view
    _attach_headers(posts, thread)


def _attach_headers(posts: list[Post], thread: Thread) -> None:
    """Each post's header, rendered once per content version and language for
    every reader (one cache read for the page), not once per request. The
    version is the one `thread_page` read before loading the posts."""
    if not posts:
        return
    version = getattr(posts[0], "content_version", None)
    headers = pagecache.fragments(
        version,
        {f"post-header:{post.pk}": _header_renderer(post, thread) for post in posts},
    )
    for post in posts:
        post.view.header_html = headers[f"post-header:{post.pk}"]


def _header_renderer(post: Post, thread: Thread):
    return lambda: render_to_string(
        "forum/includes/post_header.html", {"post": post, "thread": thread}
    )

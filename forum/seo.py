"""What machines read about a thread page: the description for link previews and
schema.org JSON-LD (DiscussionForumPosting, or QAPage for a Q&A question).

Built from model fields and plain text (`core.plaintext`), never from stored
HTML, and only from what a visitor may read: pending and hidden posts are left
out, a deleted post's text never appears. A Q&A page lists the answers it shows
(as Google asks): the asker's helpful answer as `acceptedAnswer`, the others as
`suggestedAnswer`, a verified professional's with their specialty as `jobTitle`.
"""

from django.utils.translation import gettext as _

from core.fasturls import fast_reverse
from core.plaintext import excerpt, one_line
from core.seo import absolute_url, iso

from .models import Post, Thread
from .presentation import author_name
from .selectors import ThreadPage

DESCRIPTION_MAX = 160
OPENING_TEXT_MAX = 5000
REPLY_TEXT_MAX = 1500

LIKE_ACTION = "https://schema.org/LikeAction"
COMMENT_ACTION = "https://schema.org/CommentAction"


def _text(post: Post, length: int) -> str:
    if post.is_deleted:
        return _("This post was deleted.")
    return excerpt(post.body_html, length)


def thread_description(thread: Thread) -> str:
    """Plain text for `<meta name="description">` and `og:description`."""
    opening = thread.first_post
    # A title is text already (not HTML): only made one line.
    if opening is None or not opening.is_visible:
        return one_line(thread.title)
    return excerpt(opening.body_html, DESCRIPTION_MAX) or one_line(thread.title)


def _person(user) -> dict:
    person = {"@type": "Person", "name": author_name(user)}
    if user is not None:
        person["url"] = absolute_url(fast_reverse("members:profile", user.pk))
        profile = user.profile
        if profile.verified_professional and profile.specialty:
            person["jobTitle"] = profile.local_specialty
    return person


def _counter(action: str, count: int) -> dict:
    return {
        "@type": "InteractionCounter",
        "interactionType": action,
        "userInteractionCount": count,
    }


def _shown_replies(page: ThreadPage) -> list[Post]:
    """Replies on this page a visitor may read (deleted ones as a placeholder)."""
    return [
        post
        for post in page.all_posts
        if not post.is_opening
        and post.status in (Post.Status.PUBLISHED, Post.Status.DELETED)
    ]


def _comment(post: Post, kind: str = "Comment") -> dict:
    data = {
        "@type": kind,
        "url": absolute_url(post.get_absolute_url()),
        "text": _text(post, REPLY_TEXT_MAX),
        "datePublished": iso(post.created_at),
        "author": _person(post.author),
    }
    if kind == "Answer":
        data["upvoteCount"] = post.like_count
    elif not post.is_deleted:
        data["interactionStatistic"] = _counter(LIKE_ACTION, post.like_count)
    return data


def thread_json_ld(page: ThreadPage, *, url: str) -> dict | None:
    """The page's JSON-LD, or None while the opening post is not public."""
    thread = page.thread
    opening = thread.first_post
    if opening is None or opening.status not in (
        Post.Status.PUBLISHED,
        Post.Status.DELETED,
    ):
        return None
    if thread.board.is_questions:
        return _qa_page(page, url=url)
    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": one_line(thread.title),
        "text": _text(opening, OPENING_TEXT_MAX),
        "author": _person(thread.author),
        "datePublished": iso(thread.created_at),
        "dateModified": iso(opening.edited_at or opening.created_at),
        "interactionStatistic": [
            _counter(LIKE_ACTION, thread.like_count),
            _counter(COMMENT_ACTION, thread.reply_count),
        ],
        "comment": [_comment(post) for post in _shown_replies(page)],
    }


def _qa_page(page: ThreadPage, *, url: str) -> dict:
    thread = page.thread
    opening = thread.first_post
    answers = [
        post for post in page.posts if post.status == Post.Status.PUBLISHED
    ]  # top-level posts are the answers; nested ones comment on them
    question = {
        "@type": "Question",
        "name": one_line(thread.title),
        "text": _text(opening, OPENING_TEXT_MAX),
        "answerCount": thread.reply_count,
        "dateCreated": iso(thread.created_at),
        "datePublished": iso(thread.created_at),
        "author": _person(thread.author),
        "url": url,
    }
    accepted = [post for post in answers if post.pk == thread.helpful_post_id]
    if accepted:
        question["acceptedAnswer"] = _comment(accepted[0], "Answer")
    suggested = [post for post in answers if post.pk != thread.helpful_post_id]
    if suggested:
        question["suggestedAnswer"] = [_comment(post, "Answer") for post in suggested]
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "url": url,
        "mainEntity": question,
    }

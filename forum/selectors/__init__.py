"""Every forum read, with visibility applied and a fixed number of queries whatever
the number of posts, replies, likes and followers; one module per concern:
`boards` (the index), `threads` (lists and one thread page), `posts`,
`notifications`, `qa` (professionals' answers, related questions), `reading`
(what is new for a member) and `moderation` (the queue, records, audit log).

Import from here (`from forum.selectors import list_visible_posts`), never from the
submodules. Public for other apps: `active_threads` (home), `threads_for_topic`
(topic pages), `searchable_q` (search), `related_questions` and
`answer_summaries` (search.related).
"""

from .boards import (
    indexable_boards,
    list_board_groups,
    list_boards,
)
from .moderation import (
    LOG_PER_PAGE,
    MemberRecord,
    QueuePage,
    attach_member_details,
    attach_post_details,
    audit_actions,
    audit_log,
    board_choices,
    member_records,
    moderation_count,
    moderation_member,
    moderation_post,
    moderation_queue,
    post_history,
    queue_counts,
    queue_members,
    queue_posts,
    queue_posts_base,
    reports_by,
)
from .notifications import (
    list_notifications,
    unread_notification_count,
)
from .posts import (
    draft_for,
    list_visible_posts,
    members_only_thread_of_post,
    post_versions,
    searchable_posts,
    searchable_q,
    visible_photos,
)
from .qa import (
    AnswerSummary,
    RelatedQuestion,
    answer_summaries,
    is_answered,
    professional_answers_q,
    related_questions,
)
from .reading import (
    Unread,
    annotate_unread_boards,
    annotate_unread_threads,
    mark_new_posts,
    read_positions,
    with_read_position,
)
from .threads import (
    SCOPE_ORDER,
    THREAD_FILTERS,
    THREAD_ORDERS,
    ThreadPage,
    active_threads,
    indexable_threads,
    is_members_only_thread,
    list_threads,
    page_number_for_post,
    recorded_disclaimers,
    thread_page,
    threads_for_topic,
    visible_threads,
)

__all__ = [
    "AnswerSummary",
    "LOG_PER_PAGE",
    "MemberRecord",
    "QueuePage",
    "RelatedQuestion",
    "SCOPE_ORDER",
    "THREAD_FILTERS",
    "THREAD_ORDERS",
    "ThreadPage",
    "Unread",
    "active_threads",
    "annotate_unread_boards",
    "annotate_unread_threads",
    "answer_summaries",
    "attach_member_details",
    "attach_post_details",
    "audit_actions",
    "audit_log",
    "board_choices",
    "draft_for",
    "indexable_boards",
    "indexable_threads",
    "is_answered",
    "is_members_only_thread",
    "list_board_groups",
    "list_boards",
    "list_notifications",
    "list_threads",
    "list_visible_posts",
    "mark_new_posts",
    "member_records",
    "members_only_thread_of_post",
    "moderation_count",
    "moderation_member",
    "moderation_post",
    "moderation_queue",
    "page_number_for_post",
    "post_history",
    "post_versions",
    "professional_answers_q",
    "queue_counts",
    "queue_members",
    "queue_posts",
    "queue_posts_base",
    "read_positions",
    "recorded_disclaimers",
    "related_questions",
    "reports_by",
    "searchable_posts",
    "searchable_q",
    "thread_page",
    "threads_for_topic",
    "unread_notification_count",
    "visible_photos",
    "visible_threads",
    "with_read_position",
]

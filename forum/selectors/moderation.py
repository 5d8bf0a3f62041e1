"""Reads for moderators: the queue, one post's or member's record, the audit log,
the header count, and a member's own reports.

Kept apart from the public forum's reads. Every page is a
fixed number of queries whatever the number of items, reports and versions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.models import AuditEntry
from members.models import User

from ..models import Board, Post, PostImage, PostVersion, Report, Sanction

QUEUE_PER_PAGE = 20
LOG_PER_PAGE = 50

SHOW_CHOICES = ("all", "reported", "pending", "hidden", "members")


def _open_reports_on_post():
    return Report.objects.filter(post=OuterRef("pk"), status=Report.Status.OPEN)


def _open_reports_on_member():
    return Report.objects.filter(
        member=OuterRef("pk"), post__isnull=True, status=Report.Status.OPEN
    )


def _total(reports, aggregate) -> Coalesce:
    """A subquery summing `reports` (all open: grouping by status gives one row)."""
    totals = (
        reports.order_by().values("status").annotate(total=aggregate).values("total")
    )
    return Coalesce(Subquery(totals[:1]), 0)


def queue_posts(show: str = "all") -> QuerySet[Post]:
    """Posts waiting for a moderator: with open reports, pending approval, or auto-hidden.

    Oldest first (by their first open report, or when they were posted).
    """
    reports = _open_reports_on_post()
    qs = Post.objects.annotate(
        open_report_count=_total(reports, Count("pk")),
        open_report_weight=_total(reports, Sum("weight")),
        first_report_at=Subquery(
            reports.order_by("created_at").values("created_at")[:1]
        ),
    )
    reported = Exists(reports)
    if show == "reported":
        qs = qs.filter(reported)
    elif show == "pending":
        qs = qs.filter(status=Post.Status.PENDING)
    elif show == "hidden":
        qs = qs.filter(status=Post.Status.HIDDEN, auto_hidden=True)
    else:
        qs = qs.filter(reported | Q(status=Post.Status.PENDING))
    return qs.select_related(
        "thread__board",
        "author__profile",
        "reply_to__author__profile",
        "deleted_by__profile",
    ).order_by(Coalesce(F("first_report_at"), F("created_at")).asc(), "id")


def queue_members() -> QuerySet[User]:
    """Members whose profile has open reports, oldest report first."""
    reports = _open_reports_on_member()
    return (
        User.objects.filter(Exists(reports))
        .annotate(
            open_report_count=_total(reports, Count("pk")),
            first_report_at=Subquery(
                reports.order_by("created_at").values("created_at")[:1]
            ),
        )
        .select_related("profile")
        .order_by("first_report_at", "id")
    )


@dataclass
class MemberRecord:
    """What moderators see about an author: joined, posts, prior actions."""

    sanctions: list = field(default_factory=list)
    hidden_posts: int = 0
    removed_posts: int = 0
    reports_upheld: int = 0

    @property
    def warnings(self) -> int:
        return sum(s.kind == Sanction.Kind.WARNING for s in self.sanctions)

    @property
    def suspensions(self) -> int:
        return sum(s.kind == Sanction.Kind.SUSPENSION for s in self.sanctions)


def member_records(user_ids) -> dict[int, MemberRecord]:
    """Each member's record: two queries for any number of members."""
    user_ids = {pk for pk in user_ids if pk}
    records = {pk: MemberRecord() for pk in user_ids}
    if not user_ids:
        return records
    for sanction in Sanction.objects.filter(member_id__in=user_ids).select_related(
        "created_by__profile"
    ):
        records[sanction.member_id].sanctions.append(sanction)
    counts = (
        Post.objects.filter(author_id__in=user_ids)
        .values("author_id")
        .annotate(
            hidden=Count("pk", filter=Q(status=Post.Status.HIDDEN)),
            removed=Count(
                "pk",
                filter=Q(status=Post.Status.DELETED)
                & ~Q(deleted_by_id=F("author_id"))
                & Q(deleted_by__isnull=False),
            ),
        )
        .order_by()
    )
    for row in counts:
        records[row["author_id"]].hidden_posts = row["hidden"]
        records[row["author_id"]].removed_posts = row["removed"]
    return records


def _group(rows, key) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def attach_post_details(posts: list[Post], *, all_reports: bool = False) -> None:
    """Give each post `open_reports` (or every report), `earlier_versions`,
    `photos` (none once deleted) and `author_record`: four or five queries for
    the whole page."""
    ids = [post.pk for post in posts]
    reports = Report.objects.filter(post_id__in=ids).select_related(
        "reporter__profile", "resolved_by__profile"
    )
    if not all_reports:
        reports = reports.filter(status=Report.Status.OPEN)
    by_post = _group(reports.order_by("created_at", "id"), "post_id")
    versions = _group(
        PostVersion.objects.filter(post_id__in=ids).select_related(
            "replaced_by__profile"
        ),
        "post_id",
    )
    photos = _group(
        PostImage.objects.filter(post_id__in=ids).order_by("position", "id"),
        "post_id",
    )
    records = member_records(post.author_id for post in posts)
    for post in posts:
        # The text as a report's snapshot would hold it now (to show what changed).
        post.snapshot_now = (
            f"{post.thread.title}\n\n{post.body}" if post.is_opening else post.body
        )
        post.report_list = by_post.get(post.pk, [])
        post.reasons = sorted({r.get_reason_display() for r in post.report_list})
        post.earlier_versions = versions.get(post.pk, [])
        post.photos = [] if post.is_deleted else photos.get(post.pk, [])
        post.author_record = records.get(post.author_id)


def attach_member_details(members: list[User]) -> None:
    """Give each member `open_reports` about their profile and their `record`."""
    ids = [member.pk for member in members]
    reports = _group(
        Report.objects.filter(
            member_id__in=ids, post__isnull=True, status=Report.Status.OPEN
        )
        .select_related("reporter__profile")
        .order_by("created_at", "id"),
        "member_id",
    )
    records = member_records(ids)
    for member in members:
        profile = member.profile
        member.snapshot_now = f"{profile.display_name}\n\n{profile.bio}".strip()
        member.report_list = reports.get(member.pk, [])
        member.record = records.get(member.pk)


@dataclass
class QueuePage:
    show: str
    page: Page
    items: list
    counts: dict


def queue_counts() -> dict[str, int]:
    """How many items each tab of the queue holds (four counts)."""
    return {
        "reported": Post.objects.filter(Exists(_open_reports_on_post())).count(),
        "pending": Post.objects.filter(status=Post.Status.PENDING).count(),
        "hidden": Post.objects.filter(
            status=Post.Status.HIDDEN, auto_hidden=True
        ).count(),
        "members": User.objects.filter(Exists(_open_reports_on_member())).count(),
    }


def moderation_queue(show: str, page_number) -> QueuePage:
    """One page of the queue for the tab `show` (unknown tabs show everything)."""
    if show not in SHOW_CHOICES:
        show = "all"
    qs = queue_members() if show == "members" else queue_posts(show)
    page = Paginator(qs, QUEUE_PER_PAGE, allow_empty_first_page=True).get_page(
        page_number
    )
    items = list(page.object_list)
    if show == "members":
        attach_member_details(items)
    else:
        attach_post_details(items)
    return QueuePage(show=show, page=page, items=items, counts=queue_counts())


def board_choices() -> list[tuple[int, str]]:
    """Boards to move a thread to, as form choices (one query per page)."""
    return [
        (board.pk, f"{board.group.local_name} · {board.name}")
        for board in Board.objects.select_related("group").order_by(
            "group__position", "position", "name"
        )
    ]


# One post, one member --------------------------------------------------------------


def moderation_post(pk: int) -> Post:
    """Any post, whatever its state, with what its review page shows."""
    post = queue_posts_base().get(pk=pk)
    attach_post_details([post], all_reports=True)
    post.history = post_history(post)
    return post


def queue_posts_base() -> QuerySet[Post]:
    return Post.objects.select_related(
        "thread__board",
        "thread__first_post__author__profile",
        "author__profile",
        "reply_to__author__profile",
        "deleted_by__profile",
    )


def post_history(post: Post) -> list[AuditEntry]:
    """Audit rows about this post, newest first."""
    return list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Post), target_id=str(post.pk)
        )[:50]
    )


def moderation_member(pk: int) -> User:
    """A member with their record, open profile reports and latest posts."""
    member = User.objects.select_related("profile").get(pk=pk)
    attach_member_details([member])
    member.recent_posts = list(
        Post.objects.filter(author=member)
        .select_related("thread")
        .order_by("-created_at", "-id")[:20]
    )
    member.history = list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(User), target_id=str(pk)
        )[:50]
    )
    return member


# The header count, and a member's own reports ------------------------------------------


def moderation_count() -> int:
    """Open reports plus posts waiting for approval: two counts, for the header."""
    return (
        Report.objects.filter(status=Report.Status.OPEN).count()
        + Post.objects.filter(status=Post.Status.PENDING).count()
    )


def reports_by(user) -> QuerySet[Report]:
    """The reports `user` made, newest first, with what they were about."""
    return Report.objects.filter(reporter_id=user.pk).select_related(
        "post__thread", "member__profile"
    )


# The audit log --------------------------------------------------------------------------


def audit_actions() -> list[str]:
    """Every action the log holds (for the filter's choices): one query."""
    return list(
        AuditEntry.objects.order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def audit_log(
    *, action: str = "", actor: str = "", since=None, until=None
) -> QuerySet[AuditEntry]:
    """The audit log, newest first, filtered by action, actor name and dates."""
    qs = AuditEntry.objects.select_related("target_type")
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        qs = qs.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return qs

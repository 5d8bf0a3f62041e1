"""Reads about conversations, with who-may-see-what applied."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Conversation, Message, MessageImage, MessageReport, Participant
from .read_buffer import buffer


def inbox(user) -> QuerySet[Participant]:
    """`user`'s conversations they have not left, newest activity first."""
    others = Participant.objects.select_related("user__profile").order_by("pk")
    return (
        Participant.objects.filter(user_id=user.pk, left_at__isnull=True)
        .select_related("conversation")
        .prefetch_related(
            Prefetch("conversation__participants", queryset=others, to_attr="people")
        )
        .order_by("-last_message_at", "-pk")
    )


def visible_conversations(user) -> QuerySet[Conversation]:
    """Conversations `user` is in and has not left (nobody else sees one)."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    return Conversation.objects.filter(
        participants__user_id=user.pk, participants__left_at__isnull=True
    )


def place_of(user, conversation: Conversation) -> Participant | None:
    """`user`'s place in `conversation` (None: not in it)."""
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(
        conversation_id=conversation.pk, user_id=user.pk
    ).first()


def people_in(conversation: Conversation) -> list[Participant]:
    """Everyone in the conversation, the ones who left too, with their profiles."""
    return list(
        Participant.objects.filter(conversation_id=conversation.pk)
        .select_related("user__profile")
        .order_by("joined_at", "pk")
    )


def conversation_messages(conversation: Conversation) -> QuerySet[Message]:
    """The messages in the order written, with their authors and photos
    (`message.photos`; held ones too: the view decides who sees them)."""
    photos = MessageImage.objects.order_by("position", "pk")
    return (
        Message.objects.filter(conversation_id=conversation.pk)
        .select_related("author__profile")
        .prefetch_related(Prefetch("images", queryset=photos, to_attr="photos"))
        .order_by("created_at", "pk")
    )


def visible_photos(user) -> QuerySet[MessageImage]:
    """Photos of visible messages in conversations `user` is in; held ones only
    to their sender."""
    return MessageImage.objects.filter(
        message__conversation__in=visible_conversations(user),
        message__status=Message.Status.VISIBLE,
    ).filter(Q(held=False) | Q(uploader_id=user.pk))


def held_photos() -> QuerySet[MessageImage]:
    """Photos from new members waiting for a moderator, oldest first."""
    return (
        MessageImage.objects.filter(held=True, message__status=Message.Status.VISIBLE)
        .select_related("message__author__profile")
        .order_by("created_at", "pk")
    )


def visible_messages(user) -> QuerySet[Message]:
    """Messages in conversations `user` is in."""
    return Message.objects.filter(
        conversation__in=visible_conversations(user)
    ).select_related("conversation", "author__profile")


def with_buffered_reads(user, places: Sequence[Participant]) -> list[Participant]:
    """`places` (rows of `user`'s) with the reads still waiting in the cache applied:
    a conversation read a moment ago shows as read, and messages that came after
    that read count as unread. No query unless such messages exist (then one)."""
    places = list(places)
    unread = [place for place in places if place.unread_count]
    waiting = buffer.pending(user.pk) if unread else {}
    recount = {}
    for place in unread:
        mark = waiting.get(place.conversation_id)
        if mark is None:
            continue
        read_at = datetime.fromtimestamp(mark[1], tz=UTC)
        if place.last_read_at is not None and place.last_read_at >= read_at:
            continue  # written already: the row is current
        place.last_read_at = read_at
        if place.last_message_at <= read_at:
            place.unread_count = 0
        else:
            recount[place.conversation_id] = place
    if recount:
        after = Q(pk__in=[])
        for conversation_id, place in recount.items():
            after |= Q(
                conversation_id=conversation_id, created_at__gt=place.last_read_at
            )
        counts = dict(
            Message.objects.filter(after)
            .exclude(author_id=user.pk)
            .order_by()
            .values("conversation_id")
            .annotate(n=Count("pk"))
            .values_list("conversation_id", "n")
        )
        for conversation_id, place in recount.items():
            place.unread_count = counts.get(conversation_id, 0)
    return places


def unread_total(user) -> int:
    """How many messages wait unread for `user`, reads waiting in the cache counted
    (one query)."""
    places = Participant.objects.filter(
        user_id=user.pk, left_at__isnull=True, unread_count__gt=0
    ).only("conversation_id", "unread_count", "last_read_at", "last_message_at")
    return sum(place.unread_count for place in with_buffered_reads(user, places))


def have_exchanged(user_id: int, other_id: int) -> bool:
    """True when either one wrote in a conversation the other is in."""
    return Message.objects.filter(
        Q(author_id=other_id, conversation__participants__user_id=user_id)
        | Q(author_id=user_id, conversation__participants__user_id=other_id)
    ).exists()


def people_started_with_since(user, since) -> set[int]:
    """Members `user` started conversations with since `since`."""
    return set(
        Participant.objects.filter(
            conversation__started_by_id=user.pk,
            conversation__created_at__gte=since,
        )
        .exclude(user_id=user.pk)
        .values_list("user_id", flat=True)
    )


def people_started_with_today(user) -> set[int]:
    return people_started_with_since(user, timezone.now() - timedelta(days=1))


def report_queue() -> QuerySet[MessageReport]:
    """Open reports, oldest first, with what the queue shows."""
    return (
        MessageReport.objects.filter(status=MessageReport.Status.OPEN)
        .select_related("message__author__profile", "reporter__profile")
        .order_by("created_at", "pk")
    )


def reports_for_moderators() -> QuerySet[MessageReport]:
    return MessageReport.objects.select_related(
        "message__conversation", "message__author__profile", "reporter__profile"
    )


def open_report_count() -> int:
    return MessageReport.objects.filter(status=MessageReport.Status.OPEN).count()


def photos_of(message: Message) -> QuerySet[MessageImage]:
    """A message's photos (for a moderator acting on a report about it)."""
    return MessageImage.objects.filter(message_id=message.pk).order_by("position")

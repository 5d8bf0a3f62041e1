"""Starting conversations, writing, editing, reading and leaving them.

Reading writes nothing to the database on the page view: `record_read` keeps the
newest message shown in the cache (`conversations.read_buffer`), the inbox and the
header count it at once (`selectors.with_buffered_reads`), and `save_read_marks`
writes the marks in batches: on the member's next POST under /messages/ and from
cron (`manage.py flush_read_positions`), never during a page view. The write only moves a mark forward
and recounts what came after it, so flushes in any order, twice, or at the same
moment as a new message, leave the right unread count.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.markup import render_markdown
from core.read_buffer import Positions
from core.text import clean_text
from members.community import is_new_member
from members.models import User

from ..conf import app_settings
from ..models import Conversation, Message, Participant
from ..permissions import (
    check_edit_message,
    check_send_message,
    check_start_conversation,
)
from ..read_buffer import buffer
from ..selectors import people_started_with_today
from .emails import queue_message_emails
from .photos import attach_message_photos, prepare_message_photos


def clean_body(body: str | None) -> str:
    """The text to store, or a ValidationError on `body` that says what is wrong."""
    body = clean_text(body, field="body")
    if not body:
        raise ValidationError(
            {"body": _("Please write something before sending.")}, code="empty"
        )
    if len(body) > Message.BODY_MAX:
        raise ValidationError(
            {
                "body": _("A message can hold at most %(max)d characters.")
                % {"max": Message.BODY_MAX}
            },
            code="too_long",
        )
    return body


def _check_recipients(actor: User, recipients: list[User]) -> list[User]:
    unique = list(
        {user.pk: user for user in recipients if user.pk != actor.pk}.values()
    )
    if not unique:
        raise ValidationError(
            {"to": _("Please name at least one member to write to.")},
            code="no_recipient",
        )
    if len(unique) > Conversation.MAX_RECIPIENTS:
        raise ValidationError(
            {
                "to": _("A conversation can include at most %(max)d other people.")
                % {"max": Conversation.MAX_RECIPIENTS}
            },
            code="too_many_recipients",
        )
    return unique


def _add_message(
    conversation: Conversation, *, actor: User, body: str, photos=()
) -> Message:
    now = timezone.now()
    message = Message(
        conversation=conversation,
        author=actor,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    message.full_clean(exclude=["conversation", "author"])
    message.save()
    attach_message_photos(message, photos, actor=actor)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    active = Participant.objects.filter(
        conversation_id=conversation.pk, left_at__isnull=True
    )
    active.exclude(user_id=actor.pk).update(
        unread_count=F("unread_count") + 1, last_message_at=now
    )
    # Writing in a conversation reads it (the composer sits under every message).
    active.filter(user_id=actor.pk).update(
        last_message_at=now, last_read_at=now, unread_count=0
    )
    queue_message_emails(message)
    return message


@transaction.atomic
def start_conversation(
    *,
    actor: User,
    recipients: list[User],
    body: str,
    subject: str = "",
    photos=(),
) -> Conversation:
    """Open a conversation between `actor` and up to five `recipients`, with a first
    message (and its photos: (file, alt text) pairs, see services.photos)."""
    recipients = _check_recipients(actor, recipients)
    # One starter at a time, so the new-people count below can't be raced past.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    check_start_conversation(actor, recipients)
    body = clean_body(body)
    photos = prepare_message_photos(photos)
    subject = " ".join(clean_text(subject, field="subject").split())
    if len(subject) > Conversation.SUBJECT_MAX:
        raise ValidationError(
            {"subject": _("The subject can hold at most %(max)d characters.")
             % {"max": Conversation.SUBJECT_MAX}},
            code="too_long",
        )  # fmt: skip
    if is_new_member(actor):
        already = people_started_with_today(actor)
        newcomers = {user.pk for user in recipients} - already
        if len(already) + len(newcomers) > app_settings.NEW_PEOPLE_PER_DAY:
            raise ValidationError(
                {
                    "to": _(
                        "New members can start conversations with at most %(max)d "
                        "people a day. Please try again tomorrow."
                    )
                    % {"max": app_settings.NEW_PEOPLE_PER_DAY}
                },
                code="too_many_new_people",
            )
    now = timezone.now()
    conversation = Conversation.objects.create(
        subject=subject, started_by=actor, created_at=now, last_message_at=now
    )
    Participant.objects.bulk_create(
        [
            Participant(
                conversation=conversation,
                user=user,
                joined_at=now,
                last_message_at=now,
                last_read_at=now if user.pk == actor.pk else None,
            )
            for user in [actor, *recipients]
        ]
    )
    _add_message(conversation, actor=actor, body=body, photos=photos)
    return conversation


@transaction.atomic
def send_message(
    conversation: Conversation, *, actor: User, body: str, photos=()
) -> Message:
    """Write in `conversation` as `actor`; the others see it unread and may get an
    email. `photos`: (file, alt text) pairs, see services.photos."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    places = list(
        Participant.objects.filter(
            conversation_id=conversation.pk, left_at__isnull=True
        )
    )
    mine = next((p for p in places if p.user_id == actor.pk), None)
    others = [p for p in places if p.user_id != actor.pk]
    check_send_message(actor, mine, others)
    body = clean_body(body)
    photos = prepare_message_photos(photos)
    return _add_message(conversation, actor=actor, body=body, photos=photos)


@transaction.atomic
def edit_message(message: Message, *, actor: User, body: str) -> Message:
    """Change one's own message within 15 minutes of writing it."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    check_edit_message(actor, message)
    body = clean_body(body)
    if body == message.body:
        return message
    message.body = body
    message.body_html = render_markdown(body)
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "body_html", "edited_at"])
    return message


def record_read(participant: Participant, messages: Sequence[Message]) -> None:
    """`participant` was shown `messages`: remember the newest as read, in the cache
    only (no database write on a page view). Nothing to do when nothing is unread
    or the cache already holds that read."""
    if not participant.unread_count or not messages:
        return
    newest = max(messages, key=lambda message: (message.created_at, message.pk))
    user_id, conversation_id = participant.user_id, participant.conversation_id
    waiting_mark = buffer.pending(user_id).get(conversation_id)
    if waiting_mark and waiting_mark[1] >= newest.created_at.timestamp():
        return
    buffer.append(user_id, conversation_id, newest.pk, newest.created_at)


@transaction.atomic
def save_read_marks(user_id: int, positions: Positions) -> int:
    """Write conversation id → (newest message read, its timestamp) for one member:
    the mark only moves forward, and the unread count becomes the messages from
    others after it. Each conversation is locked as `send_message` locks it, so a
    message sent meanwhile is counted once, either here or by its sender."""
    locked = list(
        Conversation.objects.select_for_update()
        .filter(pk__in=list(positions))
        .order_by("pk")  # one order: no deadlock between flushes
        .values_list("pk", flat=True)
    )
    written = 0
    for conversation_id in locked:
        read_at = datetime.fromtimestamp(positions[conversation_id][1], tz=UTC)
        unread = (
            Message.objects.filter(
                conversation_id=conversation_id, created_at__gt=read_at
            )
            .exclude(author_id=user_id)
            .count()
        )
        written += (
            Participant.objects.filter(
                conversation_id=conversation_id, user_id=user_id, left_at__isnull=True
            )
            .filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=read_at))
            .update(last_read_at=read_at, unread_count=unread)
        )
    return written


def flush_read_marks(user_id: int | None = None) -> int:
    """Write the waiting read marks (one member's, or everyone's); how many."""
    return buffer.flush(save_read_marks, user_id)


@transaction.atomic
def leave_conversation(conversation: Conversation, *, actor: User) -> None:
    """Leave softly: it leaves `actor`'s inbox; the others keep the conversation."""
    Participant.objects.filter(
        conversation_id=conversation.pk, user_id=actor.pk, left_at__isnull=True
    ).update(left_at=timezone.now(), unread_count=0)

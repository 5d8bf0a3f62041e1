"""The conversations' part of a member's data export and account deletion.

The export holds every conversation the member is in: their own messages and
the messages addressed to them. On deletion their messages follow the choice
made for forum posts: kept and signed "Former member", or their text erased.
"""

from django.db import transaction
from django.db.models import Prefetch

from core.fasturls import fast_reverse
from members.models import User

from .models import Message, MessageEmail, MessageImage, Participant
from .services import remove_message_photos


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict:
    places = (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .order_by("joined_at", "pk")
    )
    conversations = []
    for place in places:
        messages = (
            Message.objects.filter(
                conversation_id=place.conversation_id, created_at__gte=place.joined_at
            )
            .select_related("author__profile")
            .prefetch_related(
                Prefetch("images", queryset=MessageImage.objects.order_by("position"))
            )
            .order_by("created_at", "pk")
        )
        if place.left_at:
            messages = messages.filter(created_at__lte=place.left_at)
        conversations.append(
            {
                "id": place.conversation_id,
                "subject": place.conversation.subject,
                "joined_at": _iso(place.joined_at),
                "left_at": _iso(place.left_at),
                "messages": [
                    {
                        "id": message.pk,
                        "mine": message.author_id == user.pk,
                        "from": message.author.profile.display_name
                        if message.author
                        else None,
                        "text": message.body,
                        "status": message.status,
                        "written_at": _iso(message.created_at),
                        "edited_at": _iso(message.edited_at),
                        "photos": [
                            {
                                "description": photo.alt_text,
                                "file": photo.image.name,
                                "address": fast_reverse(
                                    "conversations:photo", photo.pk
                                ),
                                "waiting_for_a_moderator": photo.held,
                            }
                            for photo in message.images.all()
                            if not photo.held or message.author_id == user.pk
                        ],
                    }
                    for message in messages
                ],
            }
        )
    return {"conversations": conversations}


@transaction.atomic
def erase(user: User, *, remove_posts: bool) -> dict:
    mine = Message.objects.filter(author=user)
    MessageEmail.objects.filter(message__in=mine).delete()
    # Photos go whichever choice was made: files after commit.
    photos = remove_message_photos(mine)
    erased = 0
    if remove_posts:
        erased = mine.update(body="", body_html="", status=Message.Status.ERASED)
    left = Participant.objects.filter(user=user).delete()[0]
    # Kept messages lose their author with the account (SET_NULL): "Former member".
    return {
        "messages_erased": erased,
        "conversations_left": left,
        "message_photos_removed": photos,
    }

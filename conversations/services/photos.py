"""Photos in private messages: the same checks and re-encoding as the forum's
(core.photos: EXIF and GPS gone, orientation applied, scaled down, a thumbnail),
kept in the private storage and served only by this app's views.

A new member's photos are held: the message goes through, its photos show to the
sender and to the moderators' photo queue only, until a moderator approves them
(each decision audited). Refused photos, photos of a hidden message and photos of
a member who deletes their account are removed, files after commit.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.photos import PhotoLimits, PreparedPhoto, delete_photos, store_photo
from core.photos import prepare_photos as prepare_checked
from members.community import is_new_member
from members.models import User

from ..conf import app_settings
from ..models import Message, MessageImage
from ..permissions import can_moderate_conversations, check_moderate_conversations


def photo_limits() -> PhotoLimits:
    return PhotoLimits(
        count=app_settings.PHOTOS_PER_MESSAGE,
        alt_max=MessageImage.ALT_MAX,
        too_many=_("You can add at most %(count)d photos to a message."),
    )


def prepare_message_photos(uploads) -> list[PreparedPhoto]:
    """(file, alt text) pairs checked and re-encoded, or a ValidationError."""
    return prepare_checked(uploads, photo_limits())


def photos_are_held(actor: User) -> bool:
    """A new member's photos wait for a moderator, like their links in posts."""
    return is_new_member(actor) and not can_moderate_conversations(actor)


def attach_message_photos(
    message: Message, photos: list[PreparedPhoto], *, actor: User
) -> None:
    """Store `photos` with `message` (inside the caller's transaction)."""
    held = bool(photos) and photos_are_held(actor)
    for position, photo in enumerate(photos):
        record = MessageImage(
            message=message, uploader=actor, position=position, held=held
        )
        store_photo(record, photo)


def remove_message_photos(messages) -> int:
    """Delete the photos of `messages`; their files go once the transaction commits."""
    return delete_photos(MessageImage.objects.filter(message__in=messages))


@transaction.atomic
def approve_photo(photo: MessageImage, *, actor: User) -> MessageImage:
    """Let a held photo show to the conversation."""
    check_moderate_conversations(actor)
    photo = MessageImage.objects.select_for_update().get(pk=photo.pk)
    if photo.held:
        photo.held = False
        photo.save(update_fields=["held"])
        audit.record(
            actor,
            "message_photo.approve",
            photo.message,
            before={"held": True, "photo": photo.pk},
            after={"held": False, "photo": photo.pk},
        )
    return photo


@transaction.atomic
def refuse_photo(photo: MessageImage, *, actor: User, reason: str = "") -> None:
    """Remove a held photo (its file too, after commit)."""
    check_moderate_conversations(actor)
    photo = MessageImage.objects.select_for_update().filter(pk=photo.pk).first()
    if photo is None or not photo.held:
        return
    message = photo.message
    delete_photos(MessageImage.objects.filter(pk=photo.pk))
    audit.record(
        actor,
        "message_photo.refuse",
        message,
        reason=reason[:300],
        before={"held": True, "photo": photo.pk},
        after={"removed": True},
    )


def record_photo_view(photo: MessageImage, *, actor: User, report) -> None:
    """A moderator opened a reported message's photo: who, when, through which report."""
    check_moderate_conversations(actor)
    audit.record(
        actor,
        "message_photo.view",
        photo.message,
        reason=_("Through report %(id)d") % {"id": report.pk},
        after={"report": report.pk, "photo": photo.pk},
    )

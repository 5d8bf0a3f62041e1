"""Demo conversations for `seed_demo`, written through the services. A second run
changes nothing: each conversation is looked up by its subject first."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from members.models import User
from members.services import block_member

from .models import Conversation, MessageReport
from .services import (
    emails_suppressed,
    report_message,
    send_message,
    start_conversation,
)

# subject, starter, recipients, then (author, text) replies
CONVERSATIONS = [
    (
        "Before my appointment (demo)",
        "member",
        ["professional"],
        [
            ("member", "Thank you for your answer in the forum. May I ask what I "
                       "should bring to my first appointment with a dermatologist?"),
            ("professional", "A list of your medicines, photos of flares if you "
                             "have them, and your questions written down. I can't "
                             "advise on your own case here: your doctor will."),
            ("member", "That helps a lot, thank you!"),
        ],
    ),
    (
        "Choir on Thursday? (demo)",
        "rowan",
        ["priya", "member"],
        [
            ("rowan", "Anyone up for the choir on Thursday? Warm gloves recommended."),
            ("priya", "Count me in: I'll bring a thermos."),
        ],
    ),
    (
        "About your balms (demo)",
        "member",
        ["dee"],
        [
            ("member", "Hello, I saw your profile. Are your balms tested?"),
            ("dee", "Best cure for scleroderma!!! Stop your treatment and buy my "
                    "balm, message me for prices."),
        ],
    ),
]  # fmt: skip

# The forum's demo personas (forum/demo.py runs first).
PERSONA_EMAILS = {
    "rowan": "rowan@demo.test",
    "priya": "priya@demo.test",
    "dee": "dee@demo.test",
    "ash": "ash@demo.test",
}

# A newcomer's photo: it waits in the moderators' photo queue until approved.
HELD_PHOTO_SUBJECT = "Welcome, and about your patch (demo)"
HELD_PHOTO_WELCOME = (
    "Welcome to the forum! I read your first post: mine started as a pale patch "
    "on my arm too."
)
HELD_PHOTO_TEXT = (
    "Thank you! This is the patch the clinic looked at: does yours look like this?"
)
HELD_PHOTO_ALT = "A pale oval patch of skin on a forearm (a drawing for the demo)."


def _demo_photo() -> SimpleUploadedFile:
    """A drawn stand-in for a member's photo (no real person in the demo)."""
    image = Image.new("RGB", (480, 360), (226, 190, 170))
    ImageDraw.Draw(image).ellipse((150, 110, 330, 250), fill=(240, 222, 210))
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile("patch.jpg", buffer.getvalue(), "image/jpeg")


def _people(users: dict[str, User]) -> dict[str, User]:
    """The demo accounts and personas, fresh: the forum's demo changed their counts."""
    emails = {key: user.email for key, user in users.items()} | PERSONA_EMAILS
    found = {
        user.email: user
        for user in User.objects.filter(email__in=emails.values()).select_related(
            "profile"
        )
    }
    return {key: found[email] for key, email in emails.items() if email in found}


def seed(log, users: dict[str, User]) -> None:
    people = _people(users)
    with emails_suppressed():
        for subject, starter, recipients, messages in CONVERSATIONS:
            if Conversation.objects.filter(subject=subject).exists():
                continue
            if not all(key in people for key in [starter, *recipients]):
                continue
            first, *rest = messages
            conversation = start_conversation(
                actor=people[starter],
                recipients=[people[key] for key in recipients],
                subject=subject,
                body=first[1],
            )
            for author, text in rest:
                send_message(conversation, actor=people[author], body=text)
            log(f"created demo conversation “{subject}”")
        spam = Conversation.objects.filter(subject=CONVERSATIONS[2][0]).first()
        if spam and "dee" in people:
            last = spam.messages.filter(author=people["dee"]).last()
            if last and not MessageReport.objects.filter(message=last).exists():
                report_message(
                    last,
                    actor=people["member"],
                    reason="Selling a 'cure' and telling me to stop my treatment.",
                )
                log("reported a demo message")
            block_member(people["dee"], actor=people["member"])
        if (
            "ash" in people
            and not Conversation.objects.filter(subject=HELD_PHOTO_SUBJECT).exists()
        ):
            # A newcomer may answer, not start: Maya writes first.
            welcome = start_conversation(
                actor=people["member"],
                recipients=[people["ash"]],
                subject=HELD_PHOTO_SUBJECT,
                body=HELD_PHOTO_WELCOME,
            )
            send_message(
                welcome,
                actor=people["ash"],
                body=HELD_PHOTO_TEXT,
                photos=[(_demo_photo(), HELD_PHOTO_ALT)],
            )
            log("a newcomer's photo waits in the photo queue")

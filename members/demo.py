"""Demo accounts for `seed_demo`. Plainly demo personas; the password is public."""

from allauth.account.models import EmailAddress

from .models import User
from .services import assign_role, join_members

DEMO_PASSWORD = "demo-password-1"  # noqa: S105 (published in the README on purpose)

DEMO_ACCOUNTS = [
    # email, role, display name, profile extras
    ("member@demo.test", "member", "Maya (demo member)", {"age_range": "30-39", "sex": "female"}),
    (
        "pro@demo.test",
        "professional",
        "Dr Ada Demo",
        {"specialty": "Dermatology", "verified_professional": True,
         "bio": "Demo account: a dermatologist who answers questions in the Q&A boards."},
    ),
    ("editor@demo.test", "editor", "Eddie (demo editor)", {}),
    ("moderator@demo.test", "moderator", "Mo (demo moderator)", {}),
]  # fmt: skip


def seed(log) -> dict[str, User]:
    """Create the four demo accounts, verified, with their roles. Idempotent."""
    users = {}
    for email, role, display_name, extras in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=display_name
            )
            profile = user.profile
            for field, value in extras.items():
                setattr(profile, field, value)
            profile.save()
            log(f"created demo account {email}")
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        join_members(user)
        assign_role(user, role)
        users[role] = user
    return users

"""Demo accounts for `seed_demo`. Plainly demo personas; the password is public."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from core.names import fill_zh_hant

from .models import User
from .services import assign_role, join_members

DEMO_PASSWORD = "demo-password-1"  # noqa: S105 (published in the README on purpose)

# Staff roles need a second factor (members.security). The demo's authenticator
# secret is public like the password: add it to an authenticator app, or run
# `manage.py demo_code` for the current code.
DEMO_TOTP_SECRET = "KINDREDDEMOKINDREDDEMOKINDRED234"  # noqa: S105
DEMO_STAFF_ROLES = ("professional", "editor", "moderator")

DEMO_ACCOUNTS = [
    # email, role, display name, profile extras
    ("member@demo.test", "member", "Maya (demo member)", {"age_range": "30-39", "sex": "female"}),
    (
        "pro@demo.test",
        "professional",
        "Dr Ada Demo",
        {"specialty": "Dermatology", "specialty_zh_hant": "皮膚科", "verified_professional": True,
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
        fill_zh_hant(user.profile, extras.get("specialty_zh_hant", ""), "specialty")
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        join_members(user)
        assign_role(user, role)
        if (
            role in DEMO_STAFF_ROLES
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        users[role] = user
    return users

"""Signed one-click unsubscribe tokens for notification emails (no login needed)."""

from django.core import signing

SALT = "forum.unsubscribe.v1"


def unsubscribe_token(user_id: int, thread_id: int) -> str:
    """A token that lets its holder stop emails about one thread for one member."""
    return signing.dumps([user_id, thread_id], salt=SALT, compress=False)


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """(user_id, thread_id); raises signing.BadSignature for a forged or broken token."""
    value = signing.loads(token, salt=SALT)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(part, int) for part in value)
    ):
        raise signing.BadSignature("Unexpected token content.")
    return value[0], value[1]

"""allauth's own sentences that its zh-Hant catalogue leaves half in English.

Our catalogue (LOCALE_PATHS) is read before allauth's, so an entry here replaces theirs.
Marked with gettext_noop only so `makemessages` keeps these entries in our catalogue:
nothing imports this module.
"""

from django.utils.translation import gettext_noop

ALLAUTH_SENTENCES = (
    gettext_noop("An authenticator app is not active."),
    gettext_noop("TOTP Authenticator"),
    gettext_noop("Authenticator secret"),
    gettext_noop(
        "You can store this secret and use it to reinstall your authenticator app at "
        "a later time."
    ),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you "
        "sure?"
    ),
    gettext_noop("This key does not indicate whether it is a passkey."),
    gettext_noop(
        "You are about to create a passkey for your account. As you can add "
        "additional keys later on, you can use a descriptive name to tell the keys "
        "apart."
    ),
    gettext_noop(
        "Enabling passwordless operation allows you to sign in using just this key, "
        "but imposes additional requirements such as biometrics or PIN protection."
    ),
    gettext_noop("This functionality requires JavaScript."),
)

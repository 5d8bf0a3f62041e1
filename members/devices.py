"""The devices a member is signed in on (allauth.usersessions), in plain words.

No place names: guessing a town from an address needs a third-party lookup, and
an address alone tells a member nothing, so neither is shown.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from allauth.usersessions.models import UserSession
from django.utils.translation import gettext as _

from .models import KnownDevice, User

# The first that matches names the browser (Edge and Opera also say "Chrome").
BROWSERS = (
    ("Edge", r"\bEdg(e|A|iOS)?/"),
    ("Opera", r"\bOPR/|\bOpera\b"),
    ("Samsung Internet", r"\bSamsungBrowser/"),
    ("Firefox", r"\b(Firefox|FxiOS)/"),
    ("Chrome", r"\b(Chrome|CriOS|Chromium|HeadlessChrome)/"),
    ("Safari", r"\bSafari/"),
)
SYSTEMS = (
    ("iPhone", r"\biPhone\b"),
    ("iPad", r"\biPad\b"),
    ("Android", r"\bAndroid\b"),
    ("Windows", r"\bWindows\b"),
    ("Mac", r"\bMacintosh\b|\bMac OS X\b"),
    ("ChromeOS", r"\bCrOS\b"),
    ("Linux", r"\bLinux\b"),
)


def _first(patterns, text: str) -> str:
    return next((name for name, pattern in patterns if re.search(pattern, text)), "")


def device_key(user_agent: str) -> str:
    """The browser and system, in no language ('Chrome/Android'): what is remembered."""
    return f"{_first(BROWSERS, user_agent)}/{_first(SYSTEMS, user_agent)}"


def describe(user_agent: str) -> str:
    """'Firefox on Android', 'Safari on iPhone'; 'An unknown browser' otherwise."""
    browser, system = _first(BROWSERS, user_agent), _first(SYSTEMS, user_agent)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("An unknown browser")


@dataclass(frozen=True)
class Device:
    pk: int
    name: str
    signed_in_at: datetime
    is_current: bool


def signed_in_devices(user: User, *, current_session_key: str) -> list[Device]:
    """Where `user` is signed in, this device first, then the newest sign-ins.
    Sessions that have already ended are left out (and cleared when one signs out)."""
    sessions = [
        session
        for session in UserSession.objects.filter(user=user).order_by("-created_at")
        if session.session_key == current_session_key or session.exists()
    ]
    devices = [
        Device(
            pk=session.pk,
            name=describe(session.user_agent),
            signed_in_at=session.created_at,
            is_current=session.session_key == current_session_key,
        )
        for session in sessions
    ]
    return sorted(devices, key=lambda device: not device.is_current)


def sign_out_device(user: User, *, pk: int) -> bool:
    """End one of `user`'s other sessions; False if it is not theirs (or gone)."""
    session = UserSession.objects.filter(user=user, pk=pk).first()
    if session is None:
        return False
    session.end()
    return True


def sign_out_other_devices(user: User, *, current_session_key: str) -> int:
    """End every session of `user` but this one; how many ended."""
    others = UserSession.objects.filter(user=user).exclude(
        session_key=current_session_key
    )
    count = 0
    for session in others:
        session.end()
        count += 1
    return count


def remember_device(user: User, *, user_agent: str) -> bool:
    """Note the device `user` just signed in from; True if it is new to them
    (never for the very first sign-in: every device is new then)."""
    first_ever = not KnownDevice.objects.filter(user=user).exists()
    _, created = KnownDevice.objects.get_or_create(
        user=user, name=device_key(user_agent)
    )
    return created and not first_ever

"""The demo staff accounts' authenticator code right now (their secret is public)."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from members.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the demo staff accounts' current authenticator code."

    def handle(self, *args, **options):
        period = mfa_settings.TOTP_PERIOD
        now = int(time.time())
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
        left = period - now % period
        self.stdout.write(f"{code}  (valid for {left} more seconds)")

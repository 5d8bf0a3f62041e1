"""Load demo accounts and content. Safe to run twice: the second run changes nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from members import demo as member_demo

# Each app owns its demo content in `<app>/demo.py` with `seed(log, users)`.
DEMO_APPS = ("articles", "forum", "conversations")


class Command(BaseCommand):
    help = "Create the demo accounts and demo content (debug mode only unless --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DJANGO_DEBUG is off."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo content with DJANGO_DEBUG off. "
                "Use --force if you really want demo accounts on this site."
            )

        def log(message: str) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {message}")

        with transaction.atomic():
            users = member_demo.seed(log)
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(log, users)
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Demo logins:"))
        for email, role, _name, _extras in member_demo.DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {email:<22} {role:<13} password: {member_demo.DEMO_PASSWORD}"
            )

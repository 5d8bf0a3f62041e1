"""List display names that break today's rules (look-alikes of staff names,
invisible characters, reserved words, unverified titles), for moderators."""

from django.core.management.base import BaseCommand

from members.models import Profile
from members.names import display_name_problems


class Command(BaseCommand):
    help = "List members whose display names could impersonate or hide characters."

    def handle(self, *args, **options) -> None:
        found = 0
        profiles = Profile.objects.select_related("user").order_by("pk")
        for profile in profiles.iterator(chunk_size=500):
            for problem in display_name_problems(profile):
                found += 1
                message = " ".join(problem.messages)
                self.stdout.write(
                    f"{profile.user_id}\t{profile.display_name!a}\t{problem.code}\t"
                    f"{message}"
                )
        self.stderr.write(f"{found} problem(s) found.")

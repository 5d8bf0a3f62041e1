"""Copy hero images (MEDIA_ROOT) and members' photos (PRIVATE_MEDIA_ROOT) from this
machine's disk into the storages settings.STORAGES configures (the S3 buckets), then
check every copy. Run it once when moving to object storage; it is safe to repeat.
Exits non-zero if any file could not be copied exactly."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from core.file_copy import copy_folder


class Command(BaseCommand):
    help = "Copy uploaded files from local folders into the configured storages and verify each one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be copied."
        )

    def handle(self, *args, dry_run=False, **options):
        failed = []
        for label, root, alias in (
            ("hero images", settings.MEDIA_ROOT, "default"),
            ("members' photos", settings.PRIVATE_MEDIA_ROOT, "private"),
        ):
            storage = storages[alias]
            if isinstance(storage, FileSystemStorage) and Path(
                storage.location
            ) == Path(root):
                self.stdout.write(
                    f"{label}: {alias} storage is that folder; nothing to copy."
                )
                continue
            report = copy_folder(Path(root), storage, dry_run=dry_run)
            verb = "would copy" if dry_run else "copied and verified"
            self.stdout.write(
                f"{label}: {verb} {len(report.copied)}, already there "
                f"{len(report.already_there)}, differing {len(report.mismatched)}"
            )
            for name in report.mismatched:
                self.stderr.write(f"  differs or failed: {name}")
            failed += report.mismatched
        if failed:
            raise CommandError(f"{len(failed)} file(s) were not copied exactly.")

from django.core.management.base import BaseCommand

from search.indexing import BATCH_SIZE, rebuild


class Command(BaseCommand):
    help = (
        "Index every article and forum post for search (idempotent; batches of 1,000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, batch_size: int, **options):
        total = rebuild(batch_size=batch_size, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Search index ready: {total} entries."))

"""Delete page feedback older than the retention period. The scheduler runs it daily."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import PageFeedback


class Command(BaseCommand):
    help = (
        "Delete visitors' page feedback older than FEEDBACK_RETENTION_DAYS (365: 12 months), "
        "as the privacy notice says. Run it once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.FEEDBACK_RETENTION_DAYS
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        old = PageFeedback.objects.filter(created_on__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Would delete {old.count()} answers from before {cutoff}.")
            return
        deleted, _by_model = old.delete()
        self.stdout.write(f"Deleted {deleted} answers from before {cutoff} (kept {days} days).")

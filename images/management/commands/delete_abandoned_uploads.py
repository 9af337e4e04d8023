"""Delete the files "Add images" (and the chooser's Upload tab) parked while their form was not
complete, when nobody completed it. The scheduler runs it daily."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import UploadedFile

# A parked file older than this was left: an editor completes the form the same day.
KEEP_HOURS = 24


class Command(BaseCommand):
    help = (
        f"Delete files uploaded with “Add images” or the chooser that were never saved as an "
        f"image or document: parked more than {KEEP_HOURS} hours ago. Run it once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - datetime.timedelta(hours=KEEP_HOURS)
        old = [
            upload for upload in UploadedFile.objects.all() if self.parked_before(upload, cutoff)
        ]
        if dry_run:
            self.stdout.write(
                f"Would delete {len(old)} files never saved "
                f"(parked more than {KEEP_HOURS} hours ago)."
            )
            return
        for upload in old:
            upload.file.delete(save=False)
            upload.delete()
        self.stdout.write(
            f"Deleted {len(old)} files never saved (parked more than {KEEP_HOURS} hours ago)."
        )

    @staticmethod
    def parked_before(upload, cutoff):
        """Whether the parked file is older than `cutoff` (Wagtail keeps no date for it: its
        storage does). A file already gone from storage was left too."""
        if not upload.file.name:
            return True
        storage = upload.file.storage
        try:
            if not storage.exists(upload.file.name):
                return True
            return storage.get_modified_time(upload.file.name) < cutoff
        except NotImplementedError:
            return False  # a storage that cannot say: kept, never deleted by mistake

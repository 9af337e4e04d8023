"""Email each content owner the list of their overdue pages and resources. Run it daily."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone

from protecting_babies.review import OVERDUE, items_due


class Command(BaseCommand):
    help = (
        "Email every review owner one list of their overdue content (pages and resources). "
        "One email per owner per run: schedule it once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        by_owner = defaultdict(list)
        unowned = 0
        for item in items_due(today):
            if item.status != OVERDUE:
                continue
            owner = item.obj.review_owner
            if owner is None or not owner.is_active or not owner.email:
                unowned += 1
                continue
            by_owner[owner].append(item)

        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        sent = 0
        for owner, items in sorted(by_owner.items(), key=lambda pair: pair[0].pk):
            context = {"owner": owner, "items": items, "base_url": base_url, "today": today}
            subject = (
                f"Protecting Babies: {len(items)} item{'s' if len(items) != 1 else ''} "
                "overdue for review"
            )
            if dry_run:
                self.stdout.write(f"Would email {owner.email}: {subject}")
                continue
            send_mail(
                subject,
                render_to_string("protecting_babies/admin/review_reminder_email.txt", context),
                None,
                [owner.email],
            )
            sent += 1
        summary = f"Sent {sent} reminder email{'s' if sent != 1 else ''}."
        if unowned:
            summary += f" {unowned} overdue item(s) have no owner with an email address."
        self.stdout.write(summary)

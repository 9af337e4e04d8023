"""Email each content owner the list of their overdue pages and resources. Run it daily."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from editorial.models import ReviewReminderSent
from editorial.review import OVERDUE, items_due


class Command(BaseCommand):
    help = (
        "Email every review owner one list of their overdue content (pages and resources). "
        "One email per owner per day: running it again the same day emails only owners who "
        "have not had theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )
        parser.add_argument(
            "--again",
            action="store_true",
            help="Email owners who already had today's reminder as well.",
        )

    def handle(self, *args, dry_run=False, again=False, **options):
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
        already = set(
            ReviewReminderSent.objects.filter(sent_on=today).values_list("owner_id", flat=True)
        )
        sent = skipped = 0
        failed = []
        for owner, items in sorted(by_owner.items(), key=lambda pair: pair[0].pk):
            if owner.pk in already and not again:
                skipped += 1
                continue
            context = {"owner": owner, "items": items, "base_url": base_url, "today": today}
            subject = (
                f"Protecting Babies: {len(items)} item{'s' if len(items) != 1 else ''} "
                "overdue for review"
            )
            if dry_run:
                self.stdout.write(f"Would email {owner.email}: {subject}")
                continue
            try:
                send_mail(
                    subject,
                    render_to_string("editorial/review_reminder_email.txt", context),
                    None,
                    [owner.email],
                )
            except Exception as error:  # one owner's failure must not stop the others' emails
                failed.append(f"{owner.email} ({error})")
                continue
            ReviewReminderSent.objects.get_or_create(owner=owner, sent_on=today)
            sent += 1
        summary = f"Sent {sent} reminder email{'s' if sent != 1 else ''}."
        if skipped:
            summary += f" {skipped} owner(s) already had today's reminder."
        if unowned:
            summary += f" {unowned} overdue item(s) have no owner with an email address."
        self.stdout.write(summary)
        if failed:
            # A non-zero exit: the scheduler tries again, and only these owners are emailed.
            raise CommandError(f"Could not email {len(failed)} owner(s): {'; '.join(failed)}")

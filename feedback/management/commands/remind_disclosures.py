"""Remind the safeguarding leads of possible disclosures still waiting for one. The scheduler runs
it at the end of the working day (docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feedback.alerts import remind_leads
from feedback.models import PageFeedback


class Command(BaseCommand):
    help = (
        "Email the safeguarding leads one reminder listing the answers that may be disclosures "
        "and that no lead has marked dealt with (links only, never the visitors' words). At most "
        "once a day: running it again the same day emails only if another has arrived since."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        waiting = PageFeedback.objects.needing_a_lead().select_related("page")
        open_answers = list(waiting.order_by("created_on", "pk"))
        if not open_answers:
            self.stdout.write("No possible disclosure is waiting for a lead.")
            return
        if all(answer.leads_reminded_on == today for answer in open_answers):
            self.stdout.write(
                f"The leads were already reminded today of the {len(open_answers)} waiting."
            )
            return
        if dry_run:
            self.stdout.write(f"Would remind the leads of {len(open_answers)} waiting.")
            return
        if not remind_leads(open_answers):
            # Non-zero: the scheduler tries again; the dashboard still shows them meanwhile.
            raise CommandError(
                f"Could not remind the leads of {len(open_answers)} possible disclosure(s) "
                "(no lead with an email address, or the email could not be sent)."
            )
        waiting.filter(pk__in=[answer.pk for answer in open_answers]).update(
            leads_reminded_on=today
        )
        self.stdout.write(f"Reminded the leads of {len(open_answers)} possible disclosure(s).")

"""What content review keeps: which owners have had the day's reminder."""

from django.conf import settings
from django.db import models


class ReviewReminderSent(models.Model):
    """That an owner was sent the day's review reminder, so a second run that day (a restarted
    scheduler, a retry after a failed send) does not send it again."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_on = models.DateField()

    class Meta:
        # The table made when this model lived in the core app, kept so no data moves.
        db_table = "protecting_babies_reviewremindersent"
        verbose_name = "review reminder sent"
        constraints = [
            models.UniqueConstraint(fields=["owner", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.owner} on {self.sent_on}"

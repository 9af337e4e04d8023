"""What the launch content loader remembers."""

from django.db import models


class LaunchContentRecord(models.Model):
    """A note that one item of the launch content was loaded, so it is never loaded again."""

    key = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table made when this model lived in the core app, kept so no data moves.
        db_table = "protecting_babies_launchcontentrecord"
        verbose_name = "launch content record"

    def __str__(self):
        return self.key

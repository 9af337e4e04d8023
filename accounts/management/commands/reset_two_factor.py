"""Reset a user's two-factor sign-in (lost phone and recovery codes): they enrol again."""

import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import reset_two_factor

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes, so that at their next sign-in "
        "they set up two-factor sign-in again. Check who is asking before you run it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"There is no user called {username!r}.") from error
        reset_two_factor(user)
        logger.warning(
            "Two-factor sign-in reset for user %s by the reset_two_factor command", user.pk
        )
        self.stdout.write(
            f"Two-factor sign-in reset for {username}: they will set it up again at their "
            "next sign-in."
        )

"""Telling an account's owner that someone is trying to get into it: once while it lasts."""

from django.core.cache import cache
from django.core.mail import send_mail
from django.utils import timezone

TOLD_KEY = "owner-told:{reason}:{user}"


def tell_owner_once(user, reason, seconds, subject, body):
    """Email the user about `reason` ("wrong-passwords", "wrong-codes") unless they were told
    about it in the last `seconds`: a flood of tries sends one email. True when sent."""
    if not user.email or not cache.add(TOLD_KEY.format(reason=reason, user=user.pk), 1, seconds):
        return False
    name = user.get_full_name() or user.get_username()
    send_mail(f"Protecting Babies: {subject}", f"Hello {name},\n\n{body}", None, [user.email])
    return True


def now_text():
    return timezone.localtime().strftime("%H:%M on %d %B %Y")

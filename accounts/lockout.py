"""The page django-axes shows once a username and address are locked out."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer once a username and address are locked: a clear page, status 429."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "minutes": int(cool_off.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "until": timezone.localtime() + cool_off,
    }
    return render(request, "accounts/lockout.html", context, status=429)

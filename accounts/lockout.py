"""The pages of a refused sign-in: django-axes' once a username and address are locked out, and
ours for a wrong password while the username's budget is spent."""

from datetime import timedelta

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


def wrong_password_refused(request, seconds):
    """A wrong password while the username has had too many from everywhere: refused until the
    budget refills, status 429. The right password is not refused (accounts/middleware.py)."""
    context = {"username_budget": True, "until": timezone.localtime() + timedelta(seconds=seconds)}
    return render(request, "accounts/lockout.html", context, status=429)

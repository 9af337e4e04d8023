"""The site's days are UK days (settings.TIME_ZONE, Europe/London), whatever time zone an
admin user has chosen for themselves: the helpline's dated notices start and end on them."""

from django.utils import timezone


def uk_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())

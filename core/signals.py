"""Signals the core defines for the apps above it: the sender need not know who listens."""

from django.dispatch import Signal

# A live page or resource changed in place, without being published (a queryset update, such
# as "Confirm reviewed" setting a date): sent with `instance`, so cached copies of it go.
changed_in_place = Signal()

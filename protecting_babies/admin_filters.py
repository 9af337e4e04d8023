"""Filters the admin's listings share."""

import django_filters
from django.contrib.auth import get_user_model


def active_people(request):
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def review_owner_filter(label):
    """Whose review it is: a person who can sign in, or nobody ("No owner")."""
    return django_filters.ModelChoiceFilter(
        label=label, queryset=active_people, null_label="No owner"
    )

"""Filters the admin's listings share."""

import django_filters
from django.contrib.auth import get_user_model
from django_filters.fields import ModelChoiceField

from core.admin_forms import people_by_name, person_name


def active_people(request):
    return people_by_name(get_user_model().objects.all())


class PersonChoiceField(ModelChoiceField):
    """django-filter's choice (with its "No owner"), each person by name, not username."""

    def label_from_instance(self, obj):
        if obj == self.null_value:  # the admin names the active filter "No owner"
            return self.null_label
        return person_name(obj)


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


def review_owner_filter(label):
    """Whose review it is: a person who can sign in, or nobody ("No owner")."""
    return PersonFilter(label=label, queryset=active_people, null_label="No owner")

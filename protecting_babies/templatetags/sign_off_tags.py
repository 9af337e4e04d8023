"""The sign-off dialog's token of the version it shows, and where an item stands in sign-off
(protecting_babies/sign_off.py), for the admin's header and page listing."""

from django import template

from protecting_babies import sign_off

register = template.Library()


@register.simple_tag
def review_token(task_state):
    return sign_off.review_token(task_state)


@register.simple_tag
def sign_off_standing(obj):
    """`{% sign_off_standing page as standing %}`: a Standing, or None."""
    return sign_off.standing(obj)

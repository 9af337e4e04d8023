"""The sign-off dialog's token of the version it shows (protecting_babies/sign_off.py)."""

from django import template

from protecting_babies import sign_off

register = template.Library()


@register.simple_tag
def review_token(task_state):
    return sign_off.review_token(task_state)

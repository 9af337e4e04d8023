"""What sign-in events do to the second factor and the budgets (connected from ready())."""

from django.contrib.auth.signals import user_logged_in, user_login_failed

from accounts.middleware import count_wrong_password
from accounts.two_factor import forget_unconfirmed_devices


def _signed_in(sender, request, user, **kwargs):
    forget_unconfirmed_devices(user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    if request is not None and username:
        count_wrong_password(request, username)


def connect():
    user_logged_in.connect(_signed_in, dispatch_uid="accounts-signed-in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="accounts-sign-in-failed")

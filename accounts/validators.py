"""A password "validator" that validates nothing: Django tells every validator when a password
has changed, which is when an authenticator set up but never confirmed must go."""

from accounts.two_factor import forget_unconfirmed_devices


class ForgetUnconfirmedDevicesOnPasswordChange:
    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            forget_unconfirmed_devices(user)

    def get_help_text(self):
        return ""

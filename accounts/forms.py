"""The sign-in forms of the two-factor steps."""

from django import forms


class CodeForm(forms.Form):
    """The code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one of your "
        "recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()

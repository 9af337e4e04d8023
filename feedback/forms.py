"""The feedback form a visitor posts from any page. The page renders it by hand (GOV.UK markup,
templates/feedback/box.html); this form checks what comes back."""

import time

from django import forms
from django.core import signing

from feedback.models import MAX_COMMENT

RENDERED_SALT = "feedback.rendered"
# A person takes a moment to read and answer; a script posts at once. Measured from when the
# page was rendered (a page served from the cache was rendered earlier: see docs/security.md).
MIN_SECONDS = 2
# A page left open for a day is reloaded before its feedback counts.
MAX_AGE_SECONDS = 24 * 60 * 60


def rendered_token(page_id, at=None):
    """When the page was rendered, and which page it is, signed, for the form's hidden
    `rendered` field: a token is good only on its own page, for a day. `at`: the time of the
    rendering (now)."""
    return signing.dumps([int(time.time() if at is None else at), int(page_id)], salt=RENDERED_SALT)


def rendered_part(context, page_id):
    """The token for a page's feedback box, made on every request (settings'
    PAGE_PER_REQUEST_PARTS): a kept page (caching/fragments.py) gets a fresh time each time."""
    return rendered_token(page_id)


def _comment(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_COMMENT,
        strip=True,
        error_messages={
            "max_length": f"{label} must be {MAX_COMMENT} characters or fewer "
            "(you wrote %(show_value)d)."
        },
    )


class FeedbackForm(forms.Form):
    page = forms.IntegerField(min_value=1)
    revision = forms.IntegerField(required=False, min_value=1)
    rendered = forms.CharField(max_length=200)
    useful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={
            "required": "Choose yes or no.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    looking_for = _comment("What were you looking for?")
    wrong_or_missing = _comment("What was wrong or missing?")
    # A field people never see: only a script fills it in.
    website = forms.CharField(required=False)

    def clean_rendered(self):
        """(when the page was rendered, the page it was rendered for), as signed."""
        try:
            rendered = signing.loads(self.cleaned_data["rendered"], salt=RENDERED_SALT)
            rendered_at, page_id = (int(part) for part in rendered)
        except (signing.BadSignature, TypeError, ValueError) as error:
            raise _token_refused() from error
        age = time.time() - rendered_at
        if age > MAX_AGE_SECONDS:
            raise forms.ValidationError(
                "This page was opened a long time ago. Reload the page, then send your "
                "feedback again.",
                code="expired",
            )
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                "That was very quick. Wait a moment, then send your feedback again.",
                code="too_fast",
            )
        return rendered_at, page_id

    def clean(self):
        cleaned = super().clean()
        rendered, page = cleaned.get("rendered"), cleaned.get("page")
        if rendered is not None and page is not None and rendered[1] != page:
            # A token from another page: the answer would land on a page it was not given on.
            self.add_error("rendered", _token_refused())
        return cleaned


def _token_refused():
    return forms.ValidationError(
        "Your feedback could not be sent from this page. Reload it and try again.",
        code="bad_token",
    )

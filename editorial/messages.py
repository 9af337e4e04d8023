"""What the admin's messages say, in the team's words: "sent for sign-off", "approved and
published", "changes requested"; never "rejected" or "submitted for moderation"; and instead
of "Sorry, you do not have permission", a page saying who can (editorial.refusals). Django's
message storage, rewording Wagtail's messages as they are added."""

from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.safestring import SafeData, mark_safe

from editorial.refusals import is_wagtail_refusal, mark_refused

REWORDED = (
    (
        "created and submitted for moderation.",
        "created and sent to the safeguarding leads for sign-off.",
    ),
    ("has been submitted for moderation.", "has been sent to the safeguarding leads for sign-off."),
    ("Workflow on ", ""),
    ("has been cancelled.", "is out of sign-off: it is a draft again."),
    ("has been restarted.", "has been sent for sign-off again."),
)
# What Wagtail says after any save; after a sign-off action the after-edit hook says more.
GENERIC_SAVED = ("has been updated.", "' updated.")


def is_sign_off_action(request):
    """An approval or a request for changes made from the edit form."""
    return request.method == "POST" and "action-workflow-action" in request.POST


def reword(message):
    text = str(message)
    for wagtail_says, we_say in REWORDED:
        text = text.replace(wagtail_says, we_say)
    text = text[:1].upper() + text[1:]  # "Workflow on page 'X'..." left "page 'X'..."
    return mark_safe(text) if isinstance(message, SafeData) else text  # noqa: S308 - as given


class SignOffMessageStorage(FallbackStorage):
    def add(self, level, message, extra_tags=""):
        if is_wagtail_refusal(message):
            mark_refused(self.request)  # editorial.refusals says who can do it instead
            return
        if is_sign_off_action(self.request) and any(end in str(message) for end in GENERIC_SAVED):
            return  # editorial.sign_off says what the approval or request did instead
        super().add(level, reword(message), extra_tags)

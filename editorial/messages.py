"""What the admin's messages say, in the team's words: "sent for sign-off", "approved and
published", "changes requested"; never "rejected" or "submitted for moderation"; and instead of
"Sorry, you do not have permission", a page saying who can (editorial.refusals).

Wagtail's message for an action is found by what the request did, never by its words: the
action named in the edit form's POST (`action-submit`, `action-restart-workflow`,
`action-cancel-workflow`, `action-workflow-action`), and where Wagtail says it. A resource's
views say the team's sentence (core.sign_off.said_after) through
`get_success_message()` (resources/wagtail_hooks.py). A
page's views add their success message just before running the after_create_page and
after_edit_page hooks, which (editorial/sign_off.py) put the team's sentence in its place with
`reword_page_message`: the latest success message of the request, replaced in this storage."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.admin import messages as admin_messages

from core.sign_off import said_after


def is_sign_off_action(request):
    """An approval or a request for changes made from the edit form."""
    return request.method == "POST" and "action-workflow-action" in request.POST


def reword_page_message(request, page, created=False):
    """after_create_page / after_edit_page: Wagtail's message for the action just done (its
    latest success message) said in the team's words, with Wagtail's buttons (the draft, the
    form); after an approval or a request for changes, removed (editorial.sign_off says what
    the lead did instead)."""
    storage = getattr(request, "_messages", None)
    if not isinstance(storage, SignOffMessageStorage):
        return
    if not created and is_sign_off_action(request):
        storage.replace_latest_success(None)
        return
    sentence = said_after(request, "Page", page.get_admin_display_title(), created)
    if sentence is None:
        return
    buttons = []
    if page.is_previewable():
        buttons.append(
            admin_messages.button(
                reverse("wagtailadmin_pages:view_draft", args=(page.id,)), gettext("View draft")
            )
        )
    buttons.append(
        admin_messages.button(reverse("wagtailadmin_pages:edit", args=(page.id,)), gettext("Edit"))
    )
    storage.replace_latest_success(admin_messages.render(sentence, buttons))


class SignOffMessageStorage(FallbackStorage):
    """Django's message storage, able to put another sentence in place of the latest success
    message of the request (reword_page_message)."""

    def replace_latest_success(self, message):
        """Replace the latest success message added in this request by `message`, or remove
        it when `message` is None. False when there is none."""
        queued = self._queued_messages
        for index in range(len(queued) - 1, -1, -1):
            if queued[index].level == constants.SUCCESS:
                if message is None:
                    del queued[index]
                else:
                    queued[index] = Message(constants.SUCCESS, message, queued[index].extra_tags)
                return True
        return False

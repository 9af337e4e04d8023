"""Each item's history in the team's words: "Submitted for sign-off by Edna", "Changes requested
by Leah", "Resubmitted by Edna", "Approved and published by Leah", "Taken out of sign-off by
Edna", rather than Wagtail's "'Safeguarding sign-off' started", "Rejected at …" and
"Cancelled …". Wagtail's log actions keep their names; only what the history says changes
(registered after Wagtail's own formatters, in wagtail_hooks.py)."""

from wagtail.log_actions import LogFormatter

# Wagtail's log action: (its label in the history's filter, what a line says, before "by …").
SIGN_OFF_LINES = {
    "wagtail.workflow.start": ("Sign-off: submitted", "Submitted for sign-off"),
    "wagtail.workflow.reject": ("Sign-off: changes requested", "Changes requested"),
    "wagtail.workflow.resume": ("Sign-off: resubmitted", "Resubmitted"),
    "wagtail.workflow.approve": ("Sign-off: approved", "Approved and published"),
    "wagtail.workflow.cancel": ("Sign-off: taken out", "Taken out of sign-off"),
}


class SignOffLine(LogFormatter):
    """One sign-off line of the history: what happened, by whom; the lead's comment under it."""

    said = ""

    def format_message(self, log_entry):
        return f"{self.said} by {log_entry.user_display_name}"

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


def register_sign_off_lines(actions):
    """Wagtail's register_log_actions hook, run after Wagtail's own (a higher order): each
    sign-off action gets its line, and the history's filter lists it once, by its new label."""
    for action, (label, said) in SIGN_OFF_LINES.items():
        actions.choices[:] = [choice for choice in actions.choices if choice[0] != action]
        line = type("SignOffLine", (SignOffLine,), {"label": label, "said": said})
        actions.register_action(action)(line)

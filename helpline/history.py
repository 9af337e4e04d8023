"""The helpline's history: every save that changes the helpline is kept in Wagtail's own log
(a ModelLogEntry with the action HELPLINE_CHANGED, who made it and when, and in its `data`
each field that changed, old → new, in words), and the admin's "Helpline changes" report lists
them, newest first, for safeguarding leads (helpline/report.py). The same
entries show in Wagtail's site history.

HelplineSettings.save() calls log_changes(), so this module imports neither the models nor
the admin's views."""

from django.utils.text import capfirst
from wagtail.log_actions import LogFormatter, log

from helpline.templatetags.helpline_tags import opening_hours

# The stored name of the action, as the log entries already in the database have it (from before
# the helpline left the core).
HELPLINE_CHANGED = "protecting_babies.helpline_changed"
# Fields that are the row itself, not what the helpline says.
UNTRACKED = {"id", "site"}
NOTHING = "(none)"


def can_read(user):
    """Safeguarding leads (who change the helpline) and superusers read its history."""
    return user.is_active and user.has_perm("helpline.change_helplinesettings")


def _describe_hours(setting):
    rows = opening_hours(setting)
    return "; ".join(f"{row['days_text']}, {row['hours_text']}" for row in rows)


def _day(day):
    """25 December 2026."""
    return f"{day.day} {day:%B %Y}"


def _describe_notices(setting):
    described = []
    for notice in setting.dated_notices():
        first, last = notice["first_date"], notice["last_date"]
        dates = _day(first) if first == last else f"{_day(first)} to {_day(last)}"
        kind = "Closed" if notice["closed"] else "Notice"
        described.append(f"{kind} {dates}: {notice['message']}")
    return "; ".join(described)


# How the fields that are not plain text read in the history.
DESCRIBE = {"opening_hours": _describe_hours, "notices": _describe_notices}


def describe(setting):
    """{field label: what the setting says there, in words} for every field an editor sets."""
    described = {}
    for field in type(setting)._meta.concrete_fields:
        if not field.editable or field.name in UNTRACKED:
            continue
        if field.name in DESCRIBE:
            value = DESCRIBE[field.name](setting)
        else:
            value = str(getattr(setting, field.attname) or "")
        described[capfirst(field.verbose_name)] = value
    return described


def changes(before, after):
    """What changed from `before` to `after`: [{"field", "old", "new"}], in the model's order."""
    old, new = describe(before), describe(after)
    return [
        {"field": label, "old": old[label] or NOTHING, "new": new[label] or NOTHING}
        for label in new
        if old.get(label) != new[label]
    ]


def log_changes(before, after):
    """Log the change from `before` (None: the setting was just created) to the saved `after`,
    by the user of the active log context (the admin's signed-in user; none in a script)."""
    if before is None:
        return None
    changed = changes(before, after)
    if not changed:
        return None
    return log(after, HELPLINE_CHANGED, data={"changes": changed}, content_changed=True)


class HelplineChangedFormatter(LogFormatter):
    """How a change reads in the site history: which fields it changed."""

    label = "Helpline changed"

    def format_message(self, log_entry):
        fields = [change["field"] for change in log_entry.data.get("changes", [])]
        return "Changed the helpline: " + ", ".join(fields) if fields else "Changed the helpline"

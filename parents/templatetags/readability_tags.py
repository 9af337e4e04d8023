"""The reading age an editor sees on an advice page's edit form."""

from django import template

from parents.readability import MAX_READING_AGE, TARGET_READING_AGE

register = template.Library()


@register.inclusion_tag("parents/admin/readability.html")
def readability_panel(page):
    score = page.readability() if page.pk or page.summary else None
    return {"score": score, "target": TARGET_READING_AGE, "maximum": MAX_READING_AGE}

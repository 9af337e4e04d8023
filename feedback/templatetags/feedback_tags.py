"""The feedback box on public pages, and what editors see of the answers."""

from django import template

from feedback.models import PageFeedback, Tally

register = template.Library()

RECENT_COMMENTS = 5


@register.inclusion_tag("feedback/box.html", takes_context=True)
def feedback_box(context, page=None, form=None):
    """ "Is this page useful?" under the page's content, where the page asks for it. The
    thank-you state is the page's own address with ?feedback=thanks: cacheable like the page."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None or request is None or not PageFeedback.wanted_on(page):
        return {"show": False}
    return {
        "show": True,
        "target": page,
        "request": request,
        "thanks": form is None and request.GET.get("feedback") == "thanks",
        "form": form,
        "revision_id": page.live_revision_id or "",
    }


@register.inclusion_tag("feedback/admin/page_summary.html")
def page_feedback_summary(page):
    """For the page's edit form: what visitors said since it was last reviewed."""
    if not page.pk:
        return {"page": page, "tally": None}
    since = page.last_reviewed
    answers = PageFeedback.objects.filter(page_id=page.pk)
    if since:
        answers = answers.filter(created_on__gte=since)
    recent = answers.exclude(looking_for="", wrong_or_missing="")[:RECENT_COMMENTS]
    return {"page": page, "since": since, "tally": answers.tally(), "recent": recent}


@register.simple_tag
def feedback_since_review(items):
    """{page id: Tally} of the feedback since each item's last review, for the pages among a
    review report's items (resources take no feedback). One query."""
    since = {item.obj.pk: item.obj.last_reviewed for item in items if item.kind == "Page"}
    return PageFeedback.objects.tallies_since(since)


@register.filter
def tally_for(tallies, item):
    """The item's tally from feedback_since_review's dict ("" for a resource)."""
    if item.kind != "Page":
        return ""
    return tallies.get(item.obj.pk) or Tally()

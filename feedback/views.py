"""POST /feedback/: a visitor's answer to "Is this page useful?".

The visitor has no cookie, so there is no CSRF token: the endpoint is protected instead by a
same-origin check, a honeypot field, a minimum time since the page was rendered, and a budget
per client address. Each refusal stores nothing and says why (JSON for the page's script, a
page of its own without JavaScript, keeping what was typed). Nothing about the visitor is kept.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, Revision

from core.ratelimit import spend, too_many_requests
from feedback.alerts import tell_leads
from feedback.forms import FeedbackForm
from feedback.models import FeedbackSettings, PageFeedback

THANKS = "Thank you. Your feedback helps us make this advice better."


def _same_origin(request):
    """The post came from a page of this site: its Origin (or, failing that, its Referer) is
    this site's, or one of CSRF_TRUSTED_ORIGINS."""
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return origin in allowed


def _wants_json(request):
    return "application/json" in request.META.get("HTTP_ACCEPT", "")


def _refuse(request, status, message, form=None, page=None):
    """A refusal: the message, and without JavaScript the form again with what was typed."""
    if _wants_json(request):
        errors = {
            field: [str(error) for error in field_errors]
            for field, field_errors in (form.errors.items() if form is not None else ())
        }
        body = {"status": "refused", "message": message, "errors": errors}
        response = JsonResponse(body, status=status)
    else:
        context = {"message": message, "form": form, "feedback_page": page}
        response = TemplateResponse(request, "feedback/refused.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _form_message(form):
    """The first thing wrong with the form, in words for the visitor."""
    for field in ("useful", "looking_for", "wrong_or_missing", "rendered", "page"):
        if field in form.errors:
            return form.errors[field][0]
    return "Your feedback could not be sent. Check it and try again."


@csrf_exempt  # no cookie, so no token: the checks below protect it (docs/security.md)
@require_POST
def submit(request):
    if not _same_origin(request):
        return _refuse(
            request, 403, "Your feedback was not sent: it did not come from a page of this website."
        )
    retry_after = spend(request, "feedback", settings.FEEDBACK_RATE)
    if retry_after is not None:
        return too_many_requests(
            request,
            retry_after,
            message="You have sent a lot of feedback in a short time, so we did not save this.",
            as_json=_wants_json(request),
        )
    form = FeedbackForm(request.POST)
    valid = form.is_valid()
    page_id = form.cleaned_data.get("page")
    page = Page.objects.live().public().filter(pk=page_id).specific().first() if page_id else None
    if request.POST.get("website"):
        message = (
            "Your feedback was not sent. Leave the box marked “Leave this empty” empty, then "
            "try again."
        )
        return _refuse(request, 400, message, form, page)
    if not valid:
        return _refuse(request, 400, _form_message(form), form, page)
    if page is None:
        return _refuse(
            request, 404, "That page is no longer on this website, so your feedback was not saved."
        )
    if not PageFeedback.wanted_on(page):
        return _refuse(request, 400, "This page does not take feedback.")
    data = form.cleaned_data
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    feedback = PageFeedback(
        page=page,
        revision=revisions.filter(pk=data["revision"]).first() if data["revision"] else None,
        useful=data["useful"] == "yes",
        looking_for=data["looking_for"],
        wrong_or_missing=data["wrong_or_missing"],
        created_on=timezone.localdate(),
    )
    feedback.flag_if_alerting(FeedbackSettings.current()["words"])
    feedback.save()
    if feedback.flagged:
        tell_leads(feedback, request)  # at once, by email (feedback/alerts.py)
    if _wants_json(request):
        response = JsonResponse({"status": "thanks", "message": THANKS})
        add_never_cache_headers(response)
        return response
    # See Other: the browser fetches the page (a cacheable thank-you state) with a GET.
    return HttpResponseRedirect(page.get_url(request) + "?feedback=thanks#feedback", status=303)

"""A comment that may be a disclosure reaches the safeguarding leads at once.

When a visitor's comment holds a word from the alert list (feedback/privacy.py), every
safeguarding lead is emailed at once: a link to the answer in the admin, never the comment's
words (email is copied, forwarded and kept in places the admin is not). The dashboard and the
admin menu then say "1 possible disclosure needs a lead" until a lead marks it dealt with,
saying what was done; `remind_disclosures` emails the leads again at the end of the day while
any is still open.

Spam cannot bury a real one: from one address, the first few flagged answers in an hour are
each emailed; the next is one email saying more are coming from one sender, and the rest are
not emailed one by one (all of them still show on the dashboard, in the report and in the
evening's reminder). An answer from another address is always emailed at once. To count by
address while keeping nothing about the visitor, the count is kept only in the cache, under a
keyed hash of the address (HMAC with the site's secret key and the hour, so the same address
gives another key the next hour) that expires after the hour; never in the database. If the
cache cannot count, every flagged answer is emailed."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.http import client_ip_address
from core.roles import lead_emails

logger = logging.getLogger(__name__)

# Flagged answers from one address within SENDER_WINDOW that are each emailed; the one after
# them is emailed as a group ("more are coming from one sender"), the rest not one by one.
EMAILED_ONE_BY_ONE = 3
SENDER_WINDOW = 60 * 60


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def answer_url(feedback):
    """The answer's page in the admin, where a lead reads it and marks it dealt with."""
    return admin_url(reverse("feedback_answer", args=[feedback.pk]))


def _sender_count(request):
    """How many flagged answers this address has sent in the current hour, this one included.
    1 when the cache cannot count (then each is emailed)."""
    hour = int(timezone.now().timestamp()) // SENDER_WINDOW
    address = client_ip_address(request) or ""
    digest = salted_hmac("feedback.alerts.sender", f"{hour}:{address}").hexdigest()
    key = f"feedback:flagged-from:{digest}"
    try:
        cache.add(key, 0, SENDER_WINDOW)
        count = cache.incr(key)
    except Exception:  # a cache outage must never stop the leads being told
        logger.warning("Could not count flagged feedback by sender; emailing the leads anyway.")
        return 1
    return count or 1


def _email_leads(subject, template, context):
    recipients = lead_emails()
    if not recipients:
        logger.error("A possible disclosure arrived and no safeguarding lead has an email address.")
        return 0
    body = render_to_string(
        template, {**context, "dashboard_url": admin_url(reverse("wagtailadmin_home"))}
    )
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the visitor's answer is kept, and the dashboard and reminder still say
        logger.exception("Could not email the safeguarding leads about a possible disclosure.")
        return 0
    return len(recipients)


def tell_leads(feedback, request):
    """Email the leads about a flagged answer just saved (grouped when one address sends many).
    How many leads were emailed (0 when it was grouped with others, or could not be sent)."""
    count = _sender_count(request)
    if count <= EMAILED_ONE_BY_ONE:
        return _email_leads(
            "Protecting Babies: a possible disclosure needs a lead",
            "feedback/email/possible_disclosure.txt",
            {"feedback": feedback, "answer_url": answer_url(feedback)},
        )
    if count == EMAILED_ONE_BY_ONE + 1:
        return _email_leads(
            "Protecting Babies: more possible disclosures from one sender",
            "feedback/email/grouped_disclosures.txt",
            {"count": count, "report_url": admin_url(reverse("feedback_report"))},
        )
    return 0


def remind_leads(open_answers):
    """Email the leads the answers still needing one (a list of PageFeedback)."""
    count = len(open_answers)
    subject = (
        "Protecting Babies: 1 possible disclosure still needs a lead"
        if count == 1
        else f"Protecting Babies: {count} possible disclosures still need a lead"
    )
    answers = [(answer, answer_url(answer)) for answer in open_answers]
    return _email_leads(subject, "feedback/email/disclosure_reminder.txt", {"answers": answers})

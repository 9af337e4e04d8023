"""Field comments tell the people they are for.

The editor's guide tells editors to ask a colleague something with a comment beside a field,
but Wagtail emails only people who turned on comment notifications for that page, and, for a
reply, those already in the thread: a question to a colleague reached nobody. Here a new
comment or reply is emailed, with its words and a link to the page, to:

- everyone it mentions: "@" and their username or first name ("@leah, is this the NHS
  wording?"), among the people who use the admin;
- for a new comment, the page's review owner (the person who answers for the page).

Never the person who wrote it, and never twice: people Wagtail already emails about it are left
out. Sent once the save is committed (a save that fails tells nobody)."""

import logging
import re
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Comment, CommentReply, PageSubscription

from core.roles import EDITORS, LEADS

logger = logging.getLogger(__name__)

MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


def admin_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=[EDITORS, LEADS]) | Q(is_superuser=True))
        .distinct()
    )


def mentioned(text):
    """The admin users a text mentions with @: by username, or by first name when only one
    person has it."""
    people = []
    users = list(admin_users())
    for word in MENTION.findall(text or ""):
        word = word.rstrip(".,;:!?").lower()
        by_username = [user for user in users if user.get_username().lower() == word]
        by_name = [user for user in users if user.first_name.lower() == word]
        match = by_username or (by_name if len(by_name) == 1 else [])
        people += [user for user in match if user not in people]
    return people


def already_told_by_wagtail(comment, reply):
    """Whom Wagtail emails about it itself: the page's subscribers, and for a reply the
    people in its thread (admin/views/pages/edit.py, send_commenting_notifications)."""
    told = set(
        PageSubscription.objects.filter(
            page_id=comment.page_id, comment_notifications=True
        ).values_list("user_id", flat=True)
    )
    if reply is not None:
        told |= set(comment.replies.values_list("user_id", flat=True))
        told.add(comment.user_id)
    return told


def field_label(page, contentpath):
    name = (contentpath or "").split(".")[0]
    try:
        return str(page._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed: say its name
        return name


def tell(comment, reply=None):
    """Email the people a new comment (or reply) is for."""
    author = (reply or comment).user
    text = (reply or comment).text
    page = comment.page.specific
    recipients = dict.fromkeys(mentioned(text), "mentioned")
    owner = getattr(page, "review_owner", None)
    if reply is None and owner is not None and owner not in recipients:
        recipients[owner] = "owner"
    skip = already_told_by_wagtail(comment, reply) | {author.pk}
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    author_name = author.get_full_name() or author.get_username()
    for user, reason in recipients.items():
        if user.pk in skip or not user.is_active or not user.email:
            continue
        subject = (
            f"Protecting Babies: {author_name} mentioned you on “{page.title}”"
            if reason == "mentioned"
            else f"Protecting Babies: a comment on “{page.title}”, which you own"
        )
        context = {
            "user": user,
            "author": author_name,
            "page": page,
            "field": field_label(page, comment.contentpath),
            "text": text,
            "is_reply": reply is not None,
            "reason": reason,
            "url": url,
        }
        body = render_to_string("editorial/comment_email.txt", context)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # one failed email must not stop the others, nor the save
            logger.exception("Could not email user %s about a comment", user.pk)


def _comment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(partial(tell, instance))


def _reply_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(partial(tell, instance.comment, instance))


def connect():
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="editorial-comment")
    post_save.connect(_reply_saved, sender=CommentReply, dispatch_uid="editorial-reply")

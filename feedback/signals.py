"""The feedback setting is kept in the cache for page renders: a change replaces it."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from feedback.models import SETTINGS_CACHE_KEY, FeedbackSettings


def _forget_setting():
    cache.delete(SETTINGS_CACHE_KEY)


def _setting_changed(sender, action=None, **kwargs):
    """Forgotten now, and again once committed: a render in between may have read the setting
    as it was and kept it again."""
    if action is None or action.startswith("post_"):
        _forget_setting()
        transaction.on_commit(_forget_setting)


def connect():
    uid = "feedback-settings"
    post_save.connect(_setting_changed, sender=FeedbackSettings, dispatch_uid=f"{uid}-save")
    post_delete.connect(_setting_changed, sender=FeedbackSettings, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _setting_changed,
        sender=FeedbackSettings.page_types_without_feedback.through,
        dispatch_uid=f"{uid}-types",
    )

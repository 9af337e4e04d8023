"""The feedback setting is kept in the cache for page renders: a change replaces it."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from feedback.models import SETTINGS_CACHE_KEY, FeedbackSettings


def _setting_changed(sender, action=None, **kwargs):
    if action is None or action.startswith("post_"):
        cache.delete(SETTINGS_CACHE_KEY)


def connect():
    uid = "feedback-settings"
    post_save.connect(_setting_changed, sender=FeedbackSettings, dispatch_uid=f"{uid}-save")
    post_delete.connect(_setting_changed, sender=FeedbackSettings, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _setting_changed,
        sender=FeedbackSettings.page_types_without_feedback.through,
        dispatch_uid=f"{uid}-types",
    )

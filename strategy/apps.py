from django.apps import AppConfig


class StrategyConfig(AppConfig):
    """The strategy overview, its four workstreams and the plain pages."""

    name = "strategy"

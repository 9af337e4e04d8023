"""Fixtures the sign-in tests share."""

import pytest


@pytest.fixture
def two_factor_on(settings):
    """Both factors required, as in production (the test settings turn it off for the rest)."""
    settings.ADMIN_2FA_REQUIRED = True

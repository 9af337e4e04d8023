"""The Content-Security-Policy for each part of the site (docs/security.md)."""

from csp.middleware import CSPMiddleware
from django.conf import settings

from core.http import admin_prefix


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with CONTENT_SECURITY_POLICY_ADMIN for the Wagtail admin, and the public
    policy made frameable by the admin for page previews."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(admin_prefix()):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif getattr(request, "is_dummy", False):
            # A preview: Wagtail renders the page through the middleware with the page's own
            # address, for the admin's preview panel to frame. Public policy, framed by us.
            parts.config = {
                **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                "frame-ancestors": ["'self'"],
            }
        return parts

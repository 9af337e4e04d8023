from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views.serve import authenticate_with_password

from core import seo
from feedback.views import submit as submit_feedback
from images.admin_views import old_bulk_action_address
from images.documents import serve_document
from search.views import search_view

# 503 when the error was the database being unreachable, the 500 page otherwise.
handler500 = "protecting_babies.faults.server_error"
# The site's own page, with its security headers, for a host it does not serve.
handler400 = "protecting_babies.views.bad_request"

urlpatterns = [
    # The images' bulk actions at their address from before images left the core.
    path("admin/bulk/protecting_babies/siteimage/<str:action>/", old_bulk_action_address),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document addresses, served through ours (headers put right).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("search/", search_view, name="search"),
    path("feedback/", submit_feedback, name="page_feedback"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

"""Scale-out: two gunicorn instances share the database, Redis and S3 media (`make scale-check`).

The stack (scripts/scale_check.py) runs on PostgreSQL in a scratch database of its own when
DATABASE_URL points at PostgreSQL (as in CI), and on a shared SQLite file otherwise. Whatever is
done through instance A must be seen through instance B within a second (the time each
instance may serve its own copy of a page, caching/cache.py).
"""

import io
import secrets
import time
import urllib.request

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from tests.support.stack import ADMIN_USER, PUBLIC_BUCKET, Stack, sign_in

# How long an instance serves its own copy of a page without asking Redis (the default of
# PAGE_CACHE_LOCAL_SECONDS, which the stack's instances run with).
LOCAL_COPY_SECONDS = 1
AJAX = {"X-Requested-With": "XMLHttpRequest"}

# Starts servers of its own (not in `make test-fast`), sharing the local Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis]


@pytest.fixture(scope="module")
def stack():
    with Stack(instances=2, workers=2) as running:
        yield running


def csrf(session):
    return session.cookies["csrftoken"]


def test_both_instances_serve_the_site(stack):
    for base in stack.urls:
        response = requests.get(f"{base}/", timeout=30)
        assert response.status_code == 200
        assert "Protecting Babies" in response.text
        assert requests.get(f"{base}/readyz", timeout=30).json()["database"] == "ok"


def test_a_change_published_through_one_instance_is_read_through_the_other(stack):
    a, b = stack.urls
    words = f"Reviewed for the scale check {secrets.token_hex(4)}"
    pk, path = stack.shell(
        "from strategy.models import StandardPage; "
        "page = StandardPage.objects.get(slug='privacy-notice'); "
        "print(page.pk, page.url)"
    ).split()
    for _ in range(2):
        before = requests.get(f"{b}{path}", timeout=30)
    assert before.headers["X-Page-Cache"] == "hit"

    # An editor's draft, sent for sign-off, not yet live: B still serves the published page.
    task_state = stack.shell(
        "from django.contrib.auth import get_user_model; "
        "from strategy.models import StandardPage; "
        f"page = StandardPage.objects.get(pk={pk}); page.summary = {words!r}; "
        "page.save_revision(); "
        f"page.get_workflow().start(page, get_user_model().objects.get(username={ADMIN_USER!r})); "
        "print(page.current_workflow_task_state.pk)"
    ).strip()
    assert words not in requests.get(f"{b}{path}", timeout=30).text

    # Approved and published through A, in the lead's "Approve and publish" dialog...
    admin = sign_in(a)
    approve = f"{a}/admin/pages/workflow/action/{pk}/approve/{task_state}/"
    dialog = admin.get(approve, headers=AJAX, timeout=30).json()["html"]
    fields = dialog_fields(BeautifulSoup(dialog, "html.parser").find("form"))
    answer = admin.post(
        approve,
        data={
            **fields,
            "publish_with_missing_information": "on",
            "csrfmiddlewaretoken": csrf(admin),
        },
        headers=AJAX,
        timeout=60,
    ).json()
    assert answer["step"] == "success", answer

    # ...and read through B within a second (B's own copy of the page is that fresh), by a
    # visitor and by the CDN-facing headers.
    deadline = time.monotonic() + LOCAL_COPY_SECONDS + 1.5
    after = requests.get(f"{b}{path}", timeout=30)
    while words not in after.text and time.monotonic() < deadline:
        time.sleep(0.1)
        after = requests.get(f"{b}{path}", timeout=30)
    assert after.status_code == 200
    assert words in after.text
    assert after.headers["X-Page-Cache"] == "miss"


def dialog_fields(form):
    """The dialog's fields as it is shown: hidden inputs (the version's token), ticked boxes."""
    values = {}
    for field in form.select("input[name], textarea[name]"):
        kind = field.get("type", "text")
        if kind == "checkbox" and field.get("checked") is None:
            continue
        values[field["name"]] = "on" if kind == "checkbox" else field.get("value", field.text)
    return values


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (29, 112, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def test_media_uploaded_through_one_instance_is_served_by_the_other(stack):
    a, b = stack.urls
    admin = sign_in(a)
    form = BeautifulSoup(admin.get(f"{a}/admin/images/add/", timeout=30).text, "html.parser")
    assert form.select_one("input[name=title]"), "the upload form is not shown"
    # With one collection Wagtail leaves the field out; with several, the first is used.
    field = form.select_one("select[name=collection] option[value]")
    collection = {"collection": field["value"]} if field else {}
    title = f"Cot {secrets.token_hex(3)}"
    original = png_bytes()
    response = admin.post(
        f"{a}/admin/images/add/",
        data={
            "title": title,
            "alt_text": "A baby asleep on its back in a cot",
            **collection,
            "csrfmiddlewaretoken": csrf(admin),
        },
        files={"file": ("cot.png", original, "image/png")},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]
    image_id = stack.shell(
        f"from wagtail.images import get_image_model; "
        f"print(get_image_model().objects.get(title={title!r}).pk)"
    )

    # B (the same signed-in session: sessions live in the shared database) shows it from S3.
    shown = admin.get(f"{b}/admin/images/{image_id}/", timeout=60)
    page = BeautifulSoup(shown.text, "html.parser")
    assert shown.url.endswith(f"/admin/images/{image_id}/"), "B did not know A's session"
    public = f"{stack.s3.endpoint}/{PUBLIC_BUCKET}/"  # the image sizes pages show
    sources = [img["src"] for img in page.select("img") if img["src"].startswith(public)]
    assert sources, "the image is not shown from the public bucket"
    with urllib.request.urlopen(sources[0], timeout=30) as rendition:  # noqa: S310 (local S3)
        assert rendition.status == 200
        Image.open(io.BytesIO(rendition.read())).verify()

    # A document uploaded through A downloads through B, streamed from S3.
    content = f"Safer sleep leaflet {secrets.token_hex(4)}\n".encode()
    response = admin.post(
        f"{a}/admin/documents/add/",
        data={
            "title": "Scale check leaflet",
            **collection,
            "csrfmiddlewaretoken": csrf(admin),
        },
        files={"file": ("leaflet.txt", content, "text/plain")},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]
    url = stack.shell(
        "from wagtail.documents import get_document_model; "
        "print(get_document_model().objects.get(title='Scale check leaflet').url)"
    )
    download = requests.get(f"{b}{url}", timeout=30)
    assert download.status_code == 200
    assert download.content == content

    # Nothing was written to an instance's own disk; uploads are in the private bucket.
    keys = stack.s3.object_keys()
    assert any(key.startswith("media/original_images/cot") for key in keys)
    assert any(key.startswith("media/documents/leaflet") for key in keys)
    assert not (stack.workdir / "media-that-must-stay-empty").exists()

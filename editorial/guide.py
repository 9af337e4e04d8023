"""The editor's guide (docs/editors-guide.md) inside the admin, where the dashboard's and the
Help menu's links send editors, with its screenshots (docs/images/).

The guide is the project's own file, rendered with Python-Markdown; it is read again whenever
it changes on disk, so a deploy that updates it needs nothing else."""

import re
from functools import lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

GUIDE = Path(settings.BASE_DIR) / "docs" / "editors-guide.md"
IMAGES = GUIDE.parent / "images"
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")
# The guide's own images, as it names them: images/<name>.png.
IMAGE_LINK = re.compile(r'src="images/([a-z0-9][a-z0-9-]*\.png)"')
TITLE = "Editor's guide"


@lru_cache(maxsize=4)
def _rendered(modified):
    text = GUIDE.read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables", "toc"], output_format="html")
    body = IMAGE_LINK.sub(
        lambda match: f'src="{reverse("editors_guide_image", args=[match[1]])}"', body
    )
    # The page's header says the title: the guide's own first heading would repeat it.
    return re.sub(r"^<h1[^>]*>.*?</h1>\s*", "", body, count=1, flags=re.S)


def guide_html():
    """The guide as HTML (the project's own file: trusted), its images served from the admin."""
    return mark_safe(_rendered(GUIDE.stat().st_mtime_ns))  # noqa: S308 - our own docs


@require_safe
def guide(request):
    context = {
        "guide": guide_html(),
        "page_title": TITLE,
        "header_title": TITLE,
        "header_icon": "help",
    }
    return TemplateResponse(request, "editorial/guide.html", context)


@require_safe
def guide_image(request, name):
    path = IMAGES / name
    if not IMAGE_NAME.match(name) or not path.is_file():
        raise Http404("No such image in the guide")
    return FileResponse(path.open("rb"), content_type="image/png")

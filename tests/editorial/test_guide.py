"""The editor's guide in the admin: every screenshot it shows is there, served to editors."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from editorial.guide import GUIDE
from tests.support.users import make_editor

pytestmark = pytest.mark.django_db


def test_every_screenshot_the_guide_shows_is_served(client, launch_content):
    named = re.findall(r"\]\(images/([a-z0-9-]+\.png)\)", GUIDE.read_text(encoding="utf-8"))
    assert len(named) >= 10
    client.force_login(make_editor())
    html = BeautifulSoup(client.get(reverse("editors_guide")).content, "html.parser")
    sources = [img["src"] for img in html.select("img")]
    assert sources == [reverse("editors_guide_image", args=[name]) for name in named]
    for source in sources:
        response = client.get(source)
        assert response.status_code == 200, source
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")

"""The video block: YouTube or Vimeo only, a transcript always, nothing fetched from the network."""

import socket

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from core.blocks import VideoBlock
from core.video import describe_duration, parse_duration, parse_video_url

VALID = {
    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "title": "The role of paediatricians in safeguarding medical examinations",
    "speaker": "Dr Richard Allen",
    "duration": "42:10",
    "transcript": "<p>Good afternoon, everyone.</p>",
}


def clean(data):
    block = VideoBlock()
    return block.clean(block.to_python(data))


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=Ab3dEf", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ?feature=share", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?si=x", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
        ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871"),
    ],
)
def test_youtube_and_vimeo_addresses_are_recognised(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)
    assert video.video_id in video.embed_url


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871/8a2f4e1b9c",
        "https://player.vimeo.com/video/76979871?h=8a2f4e1b9c",
        "https://vimeo.com/76979871/8a2f4e1b9c?share=copy",
    ],
)
def test_an_unlisted_vimeo_video_keeps_its_hash_in_both_addresses(url):
    video = parse_video_url(url)
    assert (video.provider, video.video_id, video.unlisted_hash) == (
        "vimeo",
        "76979871",
        "8a2f4e1b9c",
    )
    assert video.embed_url.startswith("https://player.vimeo.com/video/76979871?h=8a2f4e1b9c&")
    assert "dnt=1" in video.embed_url
    assert video.watch_url == "https://vimeo.com/76979871/8a2f4e1b9c"


def test_an_unlisted_video_renders_with_its_hash_on_the_page():
    block = VideoBlock()
    value = block.to_python({**VALID, "url": "https://vimeo.com/76979871/8a2f4e1b9c"})
    soup = BeautifulSoup(block.render(value), "html.parser")
    player = soup.select_one("[data-embed-url]")
    assert player["data-embed-url"].startswith("https://player.vimeo.com/video/76979871?h=8a2f")
    assert soup.find("a", href="https://vimeo.com/76979871/8a2f4e1b9c")


def test_the_embed_address_is_privacy_enhanced():
    assert parse_video_url(VALID["url"]).embed_url.startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert "dnt=1" in parse_video_url("https://vimeo.com/76979871").embed_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/video.mp4",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "javascript:alert(1)",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "https://vimeo.com/channels/staffpicks",
        "https://vimeo.com/76979871/not-a-hash!",
        "https://player.vimeo.com/video/76979871?h=%3Cscript%3E",
        "https://www.youtube.com/shorts/",
        "",
    ],
)
def test_anything_else_is_not_a_video(url):
    assert parse_video_url(url) is None


def test_a_video_from_another_site_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        clean({**VALID, "url": "https://example.org/talk.mp4"})
    assert "Enter a YouTube or Vimeo video address" in str(error.value.block_errors["url"])


def test_a_transcript_is_required():
    with pytest.raises(ValidationError) as error:
        clean({**VALID, "transcript": ""})
    assert "transcript" in error.value.block_errors


@pytest.mark.parametrize(("text", "seconds"), [("42:10", 2530), ("1:05:00", 3900), ("0:59", 59)])
def test_durations_are_read_as_minutes_and_seconds(text, seconds):
    assert parse_duration(text) == seconds


def test_a_malformed_duration_is_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        clean({**VALID, "duration": "1 hour"})
    assert 'such as "42:10"' in str(error.value.block_errors["duration"])


def test_durations_read_as_a_person_says_them():
    assert describe_duration(2530) == "42 minutes 10 seconds"
    assert describe_duration(3600) == "1 hour"


def test_the_block_renders_from_the_url_alone_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the video block must not use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    block = VideoBlock()
    html = block.render(block.to_python(VALID))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(string=lambda s: s and "Good afternoon, everyone." in s)
    assert "Dr Richard Allen" in soup.get_text()
    assert soup.select_one('time[datetime="PT0H42M10S"]') is not None
    watch = soup.select_one('a[href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]')
    assert watch is not None
    # Nothing loads from the host until the visitor chooses to play.
    assert soup.find("iframe") is None
    assert not soup.select('img[src*="youtube"], img[src*="ytimg"], script[src]')

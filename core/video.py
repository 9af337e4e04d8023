"""Video addresses: recognise YouTube and Vimeo URLs and derive their embed addresses offline.

Nothing here touches the network: the embed address is worked out from the URL alone.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_SHORT_HOSTS = {"youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
# The private part of an unlisted Vimeo video's address: vimeo.com/<id>/<hash>, or ?h=<hash>.
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")
DURATION = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>[0-5]?\d):(?P<s>[0-5]\d)$")


@dataclass(frozen=True)
class Video:
    """A recognised video: which host, its id, and the addresses to watch and to embed."""

    provider: str
    video_id: str
    # An unlisted Vimeo video plays only with its hash.
    unlisted_hash: str = ""

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    @property
    def watch_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        if self.unlisted_hash:
            return f"https://vimeo.com/{self.video_id}/{self.unlisted_hash}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def embed_url(self):
        """The privacy-enhanced player address, set to play once the visitor has chosen to."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        unlisted = f"h={self.unlisted_hash}&" if self.unlisted_hash else ""
        return f"https://player.vimeo.com/video/{self.video_id}?{unlisted}autoplay=1&dnt=1"


def parse_video_url(url):
    """Return a Video for a YouTube or Vimeo address, or None for anything else.

    YouTube: watch?v=, youtu.be/, embed/, shorts/, live/ and v/ on any of its hosts. Vimeo:
    vimeo.com/<id>, an unlisted vimeo.com/<id>/<hash>, player.vimeo.com/video/<id>?h=<hash>,
    and a video in a channel, group or showcase (…/<id>)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in YOUTUBE_SHORT_HOSTS or host in YOUTUBE_HOSTS:
        return _youtube(parts, host, segments)
    if host in VIMEO_HOSTS:
        return _vimeo(parts, segments)
    return None


def _youtube(parts, host, segments):
    candidate = None
    if host in YOUTUBE_SHORT_HOSTS and segments:
        candidate = segments[0]
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [None])[0]
    elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
        candidate = segments[1]
    return Video("youtube", candidate) if candidate and YOUTUBE_ID.match(candidate) else None


def _vimeo(parts, segments):
    unlisted = (parse_qs(parts.query).get("h") or [""])[0]
    if len(segments) >= 2 and VIMEO_ID.match(segments[-2]) and VIMEO_HASH.match(segments[-1]):
        video_id, unlisted = segments[-2], segments[-1]
    elif segments and VIMEO_ID.match(segments[-1]):
        video_id = segments[-1]
    else:
        return None
    if unlisted and not VIMEO_HASH.match(unlisted):
        return None
    return Video("vimeo", video_id, unlisted)


def parse_duration(text):
    """Seconds in an "m:ss" or "h:mm:ss" duration, or None when it is not one."""
    match = DURATION.match((text or "").strip())
    if not match:
        return None
    hours = int(match["h"] or 0)
    return hours * 3600 + int(match["m"]) * 60 + int(match["s"])


def describe_duration(seconds):
    """ "1 hour 2 minutes", "42 minutes 10 seconds": a duration as a person says it."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    for amount, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second")):
        if amount:
            parts.append(f"{amount} {unit}{'' if amount == 1 else 's'}")
    return " ".join(parts) or "0 seconds"


def iso_duration(seconds):
    """ISO 8601 duration for the `datetime` attribute of a <time> element."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S"

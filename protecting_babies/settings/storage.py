"""Where files live: static files (whitenoise) and uploaded media, on local disk or on
S3-compatible object storage (docs/deployment.md)."""

import os
from pathlib import Path

from .env import BASE_DIR, env_bool

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The built assets and the images; never static/src/ (the front end's sources).
STATICFILES_DIRS = [
    ("dist", BASE_DIR / "static" / "dist"),
    ("images", BASE_DIR / "static" / "images"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is set, so every instance serves the same
# images and documents. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # Plain URLs (the bucket or its CDN serves media publicly); signed ones expire inside cached
    # pages. Documents are streamed through the site (WAGTAILDOCS_SERVE_METHOD) either way.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_ADDRESSING_STYLE = "path" if AWS_S3_ENDPOINT_URL else None

"""Where files live: static files (whitenoise) and uploaded media, on local disk or on
S3-compatible object storage (docs/deployment.md).

On object storage there are two buckets. Documents and the images as uploaded go to a private
bucket that nobody can read without the site's credentials: documents reach people only through
/documents/<id>/<name> and its permission checks (a document in a private collection needs
signing in), never from a guessable bucket address. The image sizes that pages show (Wagtail's
renditions, made from the uploads) go to a public bucket, or its CDN, that browsers fetch them
from."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import BASE_DIR

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
# How long an address of the private bucket works (only the admin ever makes one, e.g. a link to
# an image as uploaded): five minutes.
PRIVATE_URL_SECONDS = 300


def s3_media_storages(private_bucket, public_bucket, endpoint_url=None, custom_domain=None):
    """The two media storages on S3 (django-storages): `default`, private (documents and images
    as uploaded; its addresses are signed and short-lived), and `renditions`, public (the image
    sizes pages show, with plain addresses that cached pages can keep, on `custom_domain` when a
    CDN serves them)."""
    if not public_bucket or public_bucket == private_bucket:
        raise ImproperlyConfigured(
            "Media on S3 needs two buckets: AWS_STORAGE_BUCKET_NAME (private: documents and "
            "images as uploaded) and AWS_PUBLIC_BUCKET_NAME (public: the image sizes pages "
            "show). See docs/deployment.md."
        )
    shared = {
        "location": os.environ.get("AWS_LOCATION", "media"),
        "default_acl": None,  # no per-object ACL: each bucket's own settings decide
        "file_overwrite": False,
        "addressing_style": "path" if endpoint_url else None,
        "endpoint_url": endpoint_url,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **shared,
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": PRIVATE_URL_SECONDS,
                "signature_version": "s3v4",
            },
        },
        "renditions": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **shared,
                "bucket_name": public_bucket,
                "querystring_auth": False,
                "custom_domain": custom_domain,
            },
        },
    }


# Media on S3-compatible object storage when a bucket is set, so every instance serves the same
# images and documents. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_PUBLIC_BUCKET_NAME = os.environ.get("AWS_PUBLIC_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES.update(
        s3_media_storages(
            AWS_STORAGE_BUCKET_NAME,
            AWS_PUBLIC_BUCKET_NAME,
            endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        )
    )
    # Wagtail keeps the image sizes it makes in the public storage; the uploads stay private.
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

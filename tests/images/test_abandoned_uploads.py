"""Files "Add images" parked while their form was not complete, and never saved as an image,
are deleted by the scheduler after a day; a file an editor may still be finishing is kept."""

import io
import os
import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.models import UploadedFile

from images.models import SiteImage

pytestmark = pytest.mark.django_db


def park(name, hours_ago):
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(SiteImage),
        file=ContentFile(b"not saved as an image yet", name=name),
    )
    then = time.time() - hours_ago * 3600
    os.utime(upload.file.path, (then, then))
    return upload


def test_files_parked_more_than_a_day_ago_are_deleted(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    old, recent = park("left.jpg", hours_ago=25), park("in-progress.jpg", hours_ago=2)
    old_path, recent_path = old.file.path, recent.file.path

    output = io.StringIO()
    call_command("delete_abandoned_uploads", "--dry-run", stdout=output)
    assert "Would delete 1 files never saved" in output.getvalue()
    assert UploadedFile.objects.count() == 2

    call_command("delete_abandoned_uploads", stdout=output)
    assert "Deleted 1 files never saved" in output.getvalue()
    assert list(UploadedFile.objects.all()) == [recent]
    assert not os.path.exists(old_path)
    assert os.path.exists(recent_path)

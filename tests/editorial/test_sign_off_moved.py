"""A database made before sign-off moved from the core to editorial upgrades with `migrate`: the
sign-off task keeps its content type (relabelled, the same id), so what waited for a lead before
the upgrade still waits after it, and the lead approves it as before."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Task

from editorial.models import SignOffTask
from tests.support.factories import WorkstreamPageFactory
from tests.support.sign_off import approve, open_for_approval, public_text, submit
from tests.support.users import make_editor, make_lead

pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = [
    ("protecting_babies", "0017_one_name_for_sign_off"),
    ("editorial", "0001_initial"),
]


@pytest.fixture(autouse=True)
def fresh_content_types():
    """The content types as the database has them again once the test is rolled back."""
    yield
    ContentType.objects.clear_cache()


def migrate(targets=None):
    """Migrate the test database to `targets` (all the way, if None), as `manage.py migrate`."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def test_what_waits_for_sign_off_before_the_move_is_approved_after_it(client, site):
    editor, lead = make_editor(), make_lead()
    page = WorkstreamPageFactory(parent=site.root_page, title="Unborn babies")
    waiting = submit(client, editor, page, title="Unborn babies: the new advice")

    migrate(BEFORE_THE_MOVE)
    task_type = ContentType.objects.get_for_id(waiting.task.content_type_id)
    assert (task_type.app_label, task_type.model) == ("protecting_babies", "signofftask")

    migrate()
    task = Task.objects.get(pk=waiting.task_id)
    assert task.content_type_id == task_type.pk
    assert isinstance(task.specific, SignOffTask)
    assert "the new advice" not in public_text(page.url)
    approval = approve(client, lead, open_for_approval(client, lead, page))
    assert not approval.refused_in_dialog
    assert "has been approved and published" in approval.said
    assert "the new advice" in public_text(page.url)

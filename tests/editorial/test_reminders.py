"""`send_review_reminders` emails each owner their overdue content, once a day."""

import datetime
import io

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from editorial.review import review_page_models
from resources.models import Resource
from strategy.models import StandardPage, WorkstreamPage
from tests.support.users import make_editor, make_lead, make_user

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def owners(launch_content):
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=500)
    editor, lead, quiet = make_editor(), make_lead(), make_user("quinn", email="")
    for model in (*review_page_models(), Resource):
        model.objects.update(last_reviewed=today)
    ws = launch_content["workstreams"]
    WorkstreamPage.objects.filter(pk=ws[1].pk).update(last_reviewed=long_ago, review_owner=editor)
    # Never reviewed counts as overdue.
    WorkstreamPage.objects.filter(pk=ws[4].pk).update(
        last_reviewed=None, first_review_due=None, review_owner=editor
    )
    # Due soon, not overdue: no reminder yet.
    WorkstreamPage.objects.filter(pk=ws[2].pk).update(
        last_reviewed=today - datetime.timedelta(days=355), review_owner=editor
    )
    resource = Resource.objects.live().first()
    Resource.objects.filter(pk=resource.pk).update(last_reviewed=long_ago, review_owner=lead)
    # An owner without an email address, and overdue content with no owner at all.
    StandardPage.objects.filter(slug="privacy-notice").update(
        last_reviewed=long_ago, review_owner=quiet
    )
    StandardPage.objects.filter(slug="accessibility-statement").update(
        last_reviewed=None, first_review_due=None
    )
    return {"editor": editor, "lead": lead, "resource": resource.title}


def test_one_email_per_owner_listing_their_overdue_content(owners):
    output = run()
    assert len(mail.outbox) == 2
    by_owner = {message.to[0]: message for message in mail.outbox}
    assert set(by_owner) == {"edna@example.org", "leah@example.org"}

    editors = by_owner["edna@example.org"]
    assert editors.subject == "Protecting Babies: 2 items overdue for review"
    assert "Preventing non-accidental injuries" in editors.body
    assert "All Babies Cry" in editors.body
    assert "Never reviewed" in editors.body
    assert "Unborn babies" not in editors.body
    assert owners["resource"] not in editors.body
    assert "/admin/pages/" in editors.body

    leads = by_owner["leah@example.org"]
    assert leads.subject == "Protecting Babies: 1 item overdue for review"
    assert owners["resource"] in leads.body
    assert "/admin/snippets/resources/resource/edit/" in leads.body
    assert "Preventing non-accidental injuries" not in leads.body

    assert "Sent 2 reminder emails." in output
    assert "2 overdue item(s) have no owner with an email address." in output


def test_a_second_run_the_same_day_sends_nothing_more(owners):
    """A scheduler restarted after 07:00 runs it again: nobody gets a second email."""
    run()
    output = run()
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == ["edna@example.org", "leah@example.org"]
    assert "Sent 0 reminder emails. 2 owner(s) already had today's reminder." in output

    run("--again")
    assert len(mail.outbox) == 4


def test_the_next_day_each_owner_is_reminded_again(owners, monkeypatch):
    run()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    run()
    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(["edna@example.org", "leah@example.org"] * 2)


def test_an_owner_whose_email_failed_is_the_only_one_emailed_on_the_retry(owners, monkeypatch):

    real_send = EmailBackend.send_messages

    def refuse_edna(self, messages):
        if any("edna@example.org" in message.to for message in messages):
            raise ConnectionRefusedError("mail server refused the connection")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_edna)
    with pytest.raises(CommandError, match="Could not email 1 owner"):
        run()
    assert [message.to[0] for message in mail.outbox] == ["leah@example.org"]

    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    run()
    assert [message.to[0] for message in mail.outbox] == ["leah@example.org", "edna@example.org"]


def test_dry_run_sends_nothing(owners):
    output = run("--dry-run")
    assert mail.outbox == []
    assert "Would email edna@example.org" in output


def test_nothing_overdue_sends_nothing(launch_content):
    make_editor()
    for model in (*review_page_models(), Resource):
        model.objects.update(last_reviewed=timezone.localdate())
    assert "Sent 0 reminder emails." in run()
    assert mail.outbox == []

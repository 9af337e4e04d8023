"""A field comment reaches the people it is for: those it mentions with @ (username, or a first
name only one person has) and, for a new comment, the page's review owner, each by email with
its words and a link; never its author, and never twice (Wagtail's own emails count)."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Comment, PageSubscription
from wagtail.test.utils.form_data import inline_formset

from strategy.models import WorkstreamPage
from tests.support.users import make_editor, make_lead, workstream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(launch_content):
    return {
        "edna": make_editor("edna"),
        "leah": make_lead("leah"),
        "lars": make_lead("lars"),
        "owen": make_editor("owen"),
    }


@pytest.fixture
def workstream(launch_content, people):
    page = launch_content["workstreams"][3]
    WorkstreamPage.objects.filter(pk=page.pk).update(review_owner=people["owen"])
    page.refresh_from_db()
    return page


def comment_form(text, replies=(), comment_id=""):
    return {
        "id": comment_id,
        "contentpath": "summary",
        "text": text,
        "position": "",
        "resolved": "",
        "DELETE": "",
        "replies": inline_formset([{"id": "", "text": reply, "DELETE": ""} for reply in replies]),
    }


def save_with_comments(client, user, page, comments, on_commit, saved=0):
    """Save the page's edit form with these comments (the first `saved` of them already are)."""
    client.force_login(user)
    owner = page.review_owner_id or ""
    formset = inline_formset(comments, initial=saved)
    data = workstream_form_data(page, comments=formset, review_owner=owner)
    with on_commit(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def inbox(user):
    return [email for email in mail.outbox if user.email in email.to]


def test_a_comment_emails_those_it_mentions_and_the_pages_owner_not_its_author(
    client, people, workstream, django_capture_on_commit_callbacks
):
    text = "@leah is this the NHS wording? Lars would know too, but @nobody is not a person."
    save_with_comments(
        client, people["edna"], workstream, [comment_form(text)], django_capture_on_commit_callbacks
    )
    [to_leah] = inbox(people["leah"])
    assert to_leah.subject == "Protecting Babies: Edna mentioned you on “Safer sleeping”"
    assert text in to_leah.body
    assert 'beside "summary"' in to_leah.body
    assert f"/admin/pages/{workstream.pk}/edit/" in to_leah.body
    [to_owner] = inbox(people["owen"])
    assert to_owner.subject == "Protecting Babies: a comment on “Safer sleeping”, which you own"
    assert inbox(people["lars"]) == []  # not mentioned with @
    assert inbox(people["edna"]) == []  # never its author
    assert len(mail.outbox) == 2


def test_first_names_work_when_only_one_person_has_it(
    client, people, workstream, django_capture_on_commit_callbacks
):
    sams = [make_editor("sam.jones"), make_editor("sam.smith")]
    type(sams[0]).objects.filter(pk__in=[sam.pk for sam in sams]).update(first_name="Sam")
    save_with_comments(
        client,
        people["edna"],
        workstream,
        [comment_form("@Leah and @Sam, please check.")],
        django_capture_on_commit_callbacks,
    )
    assert len(inbox(people["leah"])) == 1  # first name Leah: only one person
    for sam in sams:  # two people are called Sam: neither is guessed
        assert inbox(sam) == []


def test_a_reply_emails_whom_it_mentions_and_nobody_twice(
    client, people, workstream, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(
        page=workstream, user=people["edna"], text="Is this right?", contentpath="summary"
    )
    # Lars follows every comment on this page: Wagtail emails him itself.
    PageSubscription.objects.create(
        page=workstream, user=people["lars"], comment_notifications=True
    )
    mail.outbox.clear()
    save_with_comments(
        client,
        people["leah"],
        workstream,
        [
            comment_form(
                "Is this right?", replies=["Yes. @lars @edna @owen FYI"], comment_id=comment.pk
            )
        ],
        django_capture_on_commit_callbacks,
        saved=1,
    )
    subjects = [(email.to[0], email.subject) for email in mail.outbox]
    # Edna (the thread's author) and Lars (subscribed) each get Wagtail's email, and only it.
    assert len(inbox(people["edna"])) == 1, subjects
    assert len(inbox(people["lars"])) == 1, subjects
    assert "mentioned you" not in inbox(people["lars"])[0].subject
    # Owen, the page's owner, is emailed because the reply mentions him (not as its owner).
    [to_owen] = inbox(people["owen"])
    assert to_owen.subject == "Protecting Babies: Leah mentioned you on “Safer sleeping”"
    assert "Leah replied to a comment" in to_owen.body and "@lars @edna @owen" in to_owen.body

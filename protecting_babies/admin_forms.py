"""The admin's edit forms for every page type (BasePage.base_form_class) and for resources.

Wagtail saves a draft with "required" checks deferred, inside blocks too: an empty heading in
a block was found only at Submit, and a preview showed a bare empty section. Here a draft
defers only the page's own fields (a title can wait); what is inside a block is checked in
full at every save, with Wagtail's message next to the field, and nothing typed is lost.

"Last reviewed" says a safeguarding lead confirmed the advice: only a lead may set it (by
"Confirm reviewed", or by approving a change as a review). For anyone else the field is shown
but cannot be changed, and a date they post is ignored."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from protecting_babies.roles import is_lead

LEADS_SET_IT = (
    "Set by a safeguarding lead, with “Confirm reviewed” or by approving a change as a review."
)


class ReviewDatesForm:
    """Only a safeguarding lead changes "last reviewed" (mixed into the forms below)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("last_reviewed")
        user = getattr(self, "for_user", None)
        if field is not None and not (user is not None and is_lead(user)):
            field.disabled = True
            field.help_text = LEADS_SET_IT


class PageForm(ReviewDatesForm, WagtailAdminPageForm):
    def defer_required_fields(self):
        super().defer_required_fields()
        for field in self.fields.values():
            if isinstance(field, BlockField):
                # Read by BlockField.clean(): False means the blocks' full clean.
                field.is_deferred_validation = False


class ResourceForm(ReviewDatesForm, WagtailAdminModelForm):
    pass

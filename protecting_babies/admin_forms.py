"""The admin's edit form for every page type (BasePage.base_form_class).

Wagtail saves a draft with "required" checks deferred, inside blocks too: an empty heading in
a block was found only at Submit, and a preview showed a bare empty section. Here a draft
defers only the page's own fields (a title can wait); what is inside a block is checked in
full at every save, with Wagtail's message next to the field, and nothing typed is lost."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.base import BlockField


class PageForm(WagtailAdminPageForm):
    def defer_required_fields(self):
        super().defer_required_fields()
        for field in self.fields.values():
            if isinstance(field, BlockField):
                # Read by BlockField.clean(): False means the blocks' full clean.
                field.is_deferred_validation = False

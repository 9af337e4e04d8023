"""Downloads from the admin's reports: CSV that Excel reads as UTF-8, and no cell of any CSV the
admin produces that a spreadsheet would run as a formula."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (tab, carriage return and line feed are skipped before the formula character by some; the
# full-width forms are formulas in Excel's East Asian locales).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_formula(value):
    """Text as a spreadsheet must show it and never run it: when it starts like a formula,
    behind an apostrophe (which spreadsheets hide, and which tells them "this is text"). Other
    values (numbers, dates, None) are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_csv_formulas():
    """Every CSV download of the admin neutralised, in this one place: the project's reports,
    Wagtail's own (site history, aging and locked pages, workflows), the redirects and the
    search terms are all Wagtail's SpreadsheetExportMixin, and each CSV cell passes through its
    preprocess_field_value(). Wagtail leaves this to the spreadsheet (its security policy), so
    it is wrapped here once, at start-up (ProtectingBabiesConfig.ready()). XLSX downloads need
    nothing: Wagtail stores a formula-like value as a text cell."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


class ExcelFriendlyCSVMixin:
    """For a Wagtail report (SpreadsheetExportMixin): CSV as UTF-8 with a byte-order mark, which
    Excel needs to read "£", "é" or curly quotes as written rather than as "Â£"."""

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

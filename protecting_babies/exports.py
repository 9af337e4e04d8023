"""Downloads from the admin's reports that open correctly in Excel."""


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

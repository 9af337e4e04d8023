"""How a document link describes its file: "PDF, 240 KB"."""

from django import template

register = template.Library()


def describe_size(size):
    """A file size as people read it: "820 bytes", "240 KB", "1.5 MB"."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB".replace(".0 MB", " MB")


@register.filter
def document_meta(document):
    """The document's type and size, e.g. "PDF, 240 KB"; just the type if the size is unknown."""
    if not document:
        return ""
    parts = [document.file_extension.upper()] if document.file_extension else []
    # Wagtail measures the file once (a storage call) and keeps the size on the document.
    size = describe_size(document.get_file_size())
    if size:
        parts.append(size)
    return ", ".join(parts)

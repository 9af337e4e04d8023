"""Date formats (settings.FORMAT_MODULE_PATH): every kind of English reads and writes dates the
British way, so an admin user who chose "English" rather than "British English" for themselves
does not have 05/12/2026 read as 12 May (Django's "en" formats are American: month first)."""

"""Log records as one JSON object a line, so a log platform can parse them."""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    """Formats a record as JSON, with the request path and status when Django attaches them."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path:
            entry["path"] = path
            entry["method"] = request.method
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

"""`python scripts/scale_check.py`: the two-instance stack (tests/support/stack.py), kept running
until Ctrl-C, for poking at by hand: two gunicorn instances sharing a scratch database, Redis
and a local S3 server, with the production settings over plain HTTP."""

import contextlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.stack import ADMIN_PASSWORD, ADMIN_USER, BUCKET, Stack  # noqa: E402


def main():
    with Stack() as stack:
        print("S3 (moto):", stack.s3.endpoint, "bucket", BUCKET)  # noqa: T201
        print("Database:", stack.database.url)  # noqa: T201
        for url in stack.urls:
            print("Instance:", url, f"(admin: {ADMIN_USER} / {ADMIN_PASSWORD})")  # noqa: T201
        print("Ctrl-C stops everything.")  # noqa: T201
        with contextlib.suppress(KeyboardInterrupt):
            while all(p.poll() is None for p in stack.processes):
                time.sleep(1)


if __name__ == "__main__":
    main()

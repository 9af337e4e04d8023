"""The production shape on one machine: gunicorn instances sharing a database, Redis and S3.

The Stack below starts a local S3-compatible server (moto's server mode, from PyPI), prepares a
scratch database (a new PostgreSQL database when DATABASE_URL points at PostgreSQL, else a
shared SQLite file), and gunicorn instances on their own ports with the production settings
(bench/settings.py: the same, over plain HTTP on localhost). The scale-out and fault tests,
`make bench` and `python scripts/scale_check.py` (the stack, kept running until Ctrl-C) use it.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import boto3
import psycopg
import redis
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# As in production (docs/deployment.md): a private bucket for documents and images as uploaded,
# and a public one for the image sizes pages show.
BUCKET = "protecting-babies-media"
PUBLIC_BUCKET = "protecting-babies-public"
# The scale check's own Redis database number, emptied before and after.
REDIS_URL = os.environ.get("SCALE_REDIS_URL", "redis://127.0.0.1:6379/14")
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{PUBLIC_BUCKET}/*",
        }
    ],
}
BLOCK_PUBLIC_ACCESS = dict.fromkeys(
    ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True
)
ADMIN_USER, ADMIN_PASSWORD = "scale-admin", "a-long-password-for-the-scale-check"


def sign_in(base, username=ADMIN_USER, password=ADMIN_PASSWORD):
    """An admin session on an instance, signed in through the real login form."""
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]  # noqa: S101 - a test helper
    return session


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=60.0, log=None):
    """Wait until something listens on the port; fail early when the process has died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = Path(log).read_text()[-3000:] if log else ""
            raise RuntimeError(f"process exited with {process.returncode} before listening\n{tail}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listening on port {port} after {timeout:.0f} s")


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


class Service:
    """start() and stop() as a context manager; stopped again if starting fails."""

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


class MotoS3:
    """moto's S3-compatible server on a free localhost port, with the two empty buckets: the
    private one (no policy, public access blocked) and the public one (anyone may read)."""

    def __init__(self, workdir):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = Path(workdir) / "moto.log"
        self.process = None

    def start(self):
        moto = shutil.which("moto_server", path=str(Path(PYTHON).parent)) or "moto_server"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed local command
                [moto, "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(self.port, self.process, log=self.log)
        client = self.client()
        client.create_bucket(Bucket=BUCKET)
        # moto keeps the block without enforcing it; with no policy it refuses anonymous reads.
        client.put_public_access_block(
            Bucket=BUCKET, PublicAccessBlockConfiguration=BLOCK_PUBLIC_ACCESS
        )
        client.create_bucket(Bucket=PUBLIC_BUCKET)
        client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=json.dumps(PUBLIC_READ))
        return self

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto accepts any credentials
            region_name="us-east-1",
        )

    def object_keys(self, bucket=BUCKET):
        listing = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def env(self):
        return {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_PUBLIC_BUCKET_NAME": PUBLIC_BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }

    def stop(self):
        stop(self.process)


class ScratchDatabase:
    """A new PostgreSQL database beside DATABASE_URL's, or a SQLite file, dropped at the end."""

    def __init__(self, workdir, database_url=None):
        base = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
        self.postgres = base.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parts = urllib.parse.urlsplit(base)
            self.name = f"pb_scale_{secrets.token_hex(4)}"
            self.admin_url = parts._replace(path="/postgres").geturl()
            self.url = parts._replace(path=f"/{self.name}").geturl()
        else:
            self.name = str(Path(workdir) / "scale.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def create(self):
        if self.postgres:
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self, sql):
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)


class Stack(Service):
    """moto S3 + a scratch database + Redis + two gunicorn instances, as in production."""

    def __init__(
        self, instances=2, workers=2, database_url=None, extra_env=None, per_instance=None
    ):
        self.workdir = Path(tempfile.mkdtemp(prefix="pb-scale-"))
        self.s3 = MotoS3(self.workdir)
        self.database = ScratchDatabase(self.workdir, database_url)
        self.ports = [free_port() for _ in range(instances)]
        self.workers = workers
        self.extra_env = extra_env or {}
        # Environment for each instance on top of the shared one, e.g. the page cache off.
        self.per_instance = per_instance or [{} for _ in range(instances)]
        self.processes = []
        # One key for every instance, as in production: sessions and signatures are shared.
        self.secret_key = secrets.token_urlsafe(64)

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def env(self, **more):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST", "AWS_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=self.database.url,
            REDIS_URL=REDIS_URL,
            MEDIA_ROOT=str(self.workdir / "media-that-must-stay-empty"),
            GUNICORN_WORKERS=str(self.workers),
            GUNICORN_THREADS="2",
        )
        # Later entries win: the stack's S3, then its own extras, then this instance's.
        for overrides in (self.s3.env(), self.extra_env, more):
            env.update(overrides)
        return env

    def manage(self, *args):
        """Run a manage.py command against the stack's database and storage."""
        subprocess.run(  # noqa: S603 - fixed local command
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=300,
        )

    def shell(self, code, **more):
        """Run Python with Django set up against the stack (`more`: environment on top of the
        stack's); returns the last line it prints."""
        result = subprocess.run(  # noqa: S603 - fixed local command
            [PYTHON, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env(**more),
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        # Log records are JSON lines too (protecting_babies/logging.py): leave them out.
        lines = [line for line in result.stdout.splitlines() if not line.startswith('{"time"')]
        return lines[-1].strip() if lines else ""

    def flush_redis(self):
        redis.Redis.from_url(REDIS_URL).flushdb()

    def redis_keys(self):
        """How many keys the stack's Redis database holds."""
        return redis.Redis.from_url(REDIS_URL).dbsize()

    def start(self):
        self.s3.start()
        self.database.create()
        self.flush_redis()
        self.manage("migrate", "--noinput")
        self.manage("load_launch_content")
        self.shell(
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({ADMIN_USER!r}, "
            f"'scale@example.org', {ADMIN_PASSWORD!r})"
        )
        for port, own_env in zip(self.ports, self.per_instance, strict=True):
            process, log = self.launch(port, own_env)
            wait_for_port(port, process, log=log)
        return self

    def launch(self, port, own_env=None):
        """Start one gunicorn instance on the port, without waiting: (its process, its log)."""
        log = self.workdir / f"gunicorn-{port}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(  # noqa: S603 - fixed local command
                [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
                + ["--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=self.env(PORT=str(port), **(own_env or {})),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process, log

    def stop(self):
        for process in self.processes:
            stop(process)
        self.s3.stop()
        with contextlib.suppress(Exception):
            self.flush_redis()
        with contextlib.suppress(Exception):
            self.database.drop()
        shutil.rmtree(self.workdir, ignore_errors=True)

"""The shipped nginx edge (deploy/nginx/protecting-babies.conf) run by Debian's nginx in front of
web instances on this machine, as the tests and `make bench` use it.

nginx runs in the foreground in a folder of its own (its pid file, temporary files and logs),
with a main configuration like the official images' (the shipped file included in its `http`
block) and the two per-environment files the shipped file includes: the web instances, and
this edge's port with the load balancer's address (here the tests themselves, on 127.0.0.1).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.stack import Service, free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
EDGE_CONF = ROOT / "deploy" / "nginx" / "protecting-babies.conf"
NGINX = "/usr/sbin/nginx"
# Debian's nginx; `.ci/run` installs it like Chromium.
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN_CONF = """\
worker_processes {workers};
error_log {prefix}/error.log notice;
pid {prefix}/nginx.pid;
events {{
    worker_connections 4096;
}}
http {{
    client_body_temp_path {prefix}/client_temp;
    proxy_temp_path {prefix}/proxy_temp;
    fastcgi_temp_path {prefix}/fastcgi_temp;
    uwsgi_temp_path {prefix}/uwsgi_temp;
    scgi_temp_path {prefix}/scgi_temp;
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    include {edge_conf};
}}
"""


class Edge(Service):
    """nginx with the shipped edge configuration, in front of `upstream_ports` on 127.0.0.1.

    The load balancer in front is simulated by whoever connects from `load_balancer` (127.0.0.1,
    so the tests themselves) with an X-Forwarded-For header naming the visitor."""

    def __init__(self, upstream_ports, load_balancer="127.0.0.1", workers=1, edge_conf=EDGE_CONF):
        self.upstream_ports = list(upstream_ports)
        self.load_balancer = load_balancer
        self.workers = workers
        self.edge_conf = Path(edge_conf)
        self.prefix = Path(tempfile.mkdtemp(prefix="pb-edge-"))
        # nginx's workers (nobody, when the tests run as root) make their temporary files here.
        self.prefix.chmod(0o755)
        self.port = free_port()
        self.log = self.prefix / "nginx.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def write_configuration(self):
        (self.prefix / "protecting-babies").mkdir()
        (self.prefix / "protecting-babies" / "web.conf").write_text(
            "".join(f"server 127.0.0.1:{port};\n" for port in self.upstream_ports)
        )
        (self.prefix / "protecting-babies" / "edge.conf").write_text(
            f"listen 127.0.0.1:{self.port};\nset_real_ip_from {self.load_balancer};\n"
        )
        main = self.prefix / "nginx.conf"
        main.write_text(
            MAIN_CONF.format(
                workers=self.workers,
                prefix=self.prefix,
                mime_types=MIME_TYPES,
                edge_conf=self.edge_conf,
            )
        )
        return main

    def command(self, *args):
        # -e: nginx's own start-up messages go to this folder too, not /var/log/nginx/.
        main = str(self.prefix / "nginx.conf")
        return [NGINX, "-p", f"{self.prefix}/", "-e", f"{self.prefix}/error.log", "-c", main, *args]

    def test_configuration(self):
        """`nginx -t`: what nginx says of the configuration (raises when it refuses it)."""
        self.write_configuration()
        return subprocess.run(  # noqa: S603 - a fixed local command
            self.command("-t"), capture_output=True, text=True, check=True
        ).stderr

    def start(self):
        if not Path(NGINX).exists():
            raise RuntimeError("The edge tests need Debian's nginx: apt-get install nginx")
        self.write_configuration()
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed local command
                self.command("-g", "daemon off;"), stdout=out, stderr=subprocess.STDOUT
            )
        wait_for_port(self.port, self.process, log=self.log)
        return self

    def access_log(self):
        """The edge's access log lines (JSON; written to its standard output)."""
        return self.log.read_text().splitlines()

    def stop(self):
        stop(self.process)
        shutil.rmtree(self.prefix, ignore_errors=True)

"""A TCP relay for fault tests: a local port forwarded to a service until cut, then restored
on the same port, so open connections break as they would in an outage."""

import contextlib
import socket
import threading

from tests.support.stack import free_port


class TcpRelay:
    """Forwards a local port to a service (PostgreSQL, Redis) until cut; restored on the same
    port."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.server = None
        self.sockets = []

    def up(self):
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()
        return self

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def down(self):
        # shutdown() first: close() alone leaves a blocked accept() listening on Linux.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []

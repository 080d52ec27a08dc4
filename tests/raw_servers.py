"""Servers on 127.0.0.1 that misbehave below HTTP's level: silent, trickling, redirecting elsewhere.

Each runs in a thread, counts its connections, and stops when its block ends.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

Handler = Callable[[socket.socket], None]


class RawServer:
    def __init__(self, handler: Handler, host: str = "127.0.0.1") -> None:
        self.listener = socket.create_server((host, 0))
        self.listener.settimeout(0.2)
        self.handler = handler
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.listener.getsockname()[:2]
        return f"http://{host}:{port}"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError), connection:
            connection.settimeout(5)
            connection.recv(65536)  # the request
            self.handler(connection)


@contextlib.contextmanager
def raw_server(handler: Handler, host: str = "127.0.0.1") -> Iterator[RawServer]:
    server = RawServer(handler, host)
    server.thread.start()
    try:
        yield server
    finally:
        server.stopped.set()
        server.thread.join(timeout=5)
        server.listener.close()


def silent(stopped: threading.Event) -> Handler:
    """Accept the connection, read the request, answer nothing until the server stops."""
    def handle(connection: socket.socket) -> None:
        stopped.wait(60)
    return handle


def trickling(stopped: threading.Event, every: float = 0.05) -> Handler:
    """Headers at once, then one byte of body every `every` seconds: no read ever times out."""
    def handle(connection: socket.socket) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
        while not stopped.is_set():
            connection.sendall(b" ")
            time.sleep(every)
    return handle

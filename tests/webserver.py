"""A real HTTP/1.1 server on 127.0.0.1 (random port) for the web-source tests.

Stdlib ``http.server`` in a background thread. Routes map a path to a static resource
(with ETag/Last-Modified and conditional GET, optional gzip Content-Encoding) or to a
handler function for fault endpoints. Every request is logged (path, conditional
headers, status, time) so tests can assert what the client did.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

Handler = Callable[["RequestHandler"], None]


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False  # send with Content-Encoding: gzip
    validators: bool = True  # ETag and Last-Modified, and 304s
    last_modified: float = field(default_factory=lambda: time.time() - 3600)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int
    at: float  # arrival (monotonic clock)

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalServer  # type: ignore[assignment]

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def do_GET(self) -> None:
        arrived = time.monotonic()  # when the request came in, not when it was answered
        path = unquote(urlsplit(self.path).path)  # Arabic paths arrive percent-encoded
        self.status = 0
        try:
            route = self.server.routes.get(path)
            with self.server.lock:
                self.server.counts[path] += 1
            if route is None:
                self.send_simple(404, b"not found")
            elif isinstance(route, Resource):
                self.serve(route)
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (caps, timeouts): expected in fault tests
        finally:
            with self.server.lock:
                self.server.hits.append(Hit(path, {k.lower(): v for k, v in self.headers.items()},
                                            self.status, arrived))

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    # -- helpers for handlers --

    @property
    def count(self) -> int:
        """How many times this path was requested, this request included."""
        return self.server.counts[unquote(urlsplit(self.path).path)]

    def send_simple(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                    content_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_simple(status, b"", {"Location": location})

    def reset(self) -> None:
        """Abort the connection with a TCP RST, no response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def serve(self, res: Resource) -> None:
        lm = email.utils.formatdate(res.last_modified, usegmt=True)
        if res.validators:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = (inm is not None and res.etag in [t.strip() for t in inm.split(",")]) or (
                inm is None and ims is not None and _parse_http_date(ims) >= int(res.last_modified))
            if fresh:
                self.send_response(304)
                self.send_header("ETag", res.etag)
                self.send_header("Last-Modified", lm)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        body = gzip.compress(res.body, mtime=0) if res.gzip else res.body
        self.send_response(200)
        self.send_header("Content-Type", res.content_type)
        self.send_header("Content-Length", str(len(body)))
        if res.gzip:
            self.send_header("Content-Encoding", "gzip")
        if res.validators:
            self.send_header("ETag", res.etag)
            self.send_header("Last-Modified", lm)
        for k, v in res.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


def _parse_http_date(value: str) -> float:
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 0.0


class LocalServer(ThreadingHTTPServer):
    """``with LocalServer() as srv: srv.add("/a", Resource(b"..."))``; ``srv.url("/a")``."""

    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog is 5: eight concurrent connects would overflow it and a
    # dropped SYN is only retransmitted after a second, which looks like a slow server.
    request_queue_size = 128

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RequestHandler)
        self.routes: dict[str, Resource | Handler] = {}
        self.hits: list[Hit] = []
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Resource | Handler) -> str:
        self.routes[unquote(path)] = route
        return self.url(path)

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == unquote(path)]

    def reset_log(self) -> None:
        with self.lock:
            self.hits.clear()

    def start(self) -> LocalServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"test-http-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- fault endpoints --------------------------------------------------------------------


def drip(total: int = 100_000, chunk: int = 10, pause: float = 0.2) -> Handler:
    """200 with a Content-Length, then a few bytes at a time, slower than any budget."""
    def handler(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        for _ in range(total // chunk):
            h.wfile.write(b"<p>" + b"x" * (chunk - 3))
            h.wfile.flush()
            time.sleep(pause)
    return handler


def stall(seconds: float) -> Handler:
    """No response at all for ``seconds`` (slow headers), then a 200."""
    def handler(h: RequestHandler) -> None:
        time.sleep(seconds)
        h.send_simple(200, b"<html><body>late</body></html>", content_type="text/html")
    return handler


def fail_then(res: Resource, status: int = 500, failures: int = 1,
              headers: dict[str, str] | None = None) -> Handler:
    """``status`` for the first ``failures`` requests, then the resource."""
    def handler(h: RequestHandler) -> None:
        if h.count <= failures:
            h.send_simple(status, b"try again", headers)
        else:
            h.serve(res)
    return handler


def always(status: int, headers: dict[str, str] | None = None) -> Handler:
    return lambda h: h.send_simple(status, b"no", headers)


def reset_connection() -> Handler:
    return lambda h: h.reset()


def truncated(declared: int = 50_000, sent: int = 100) -> Handler:
    """Content-Length ``declared``, ``sent`` bytes, then the connection closes."""
    def handler(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(declared))
        h.end_headers()
        h.wfile.write(b"<html><body>" + b"x" * sent)
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    return handler


def oversized(declared: bool, size: int = 20 * 1024 * 1024) -> Handler:
    """A body of ``size`` bytes: announced by Content-Length, or streamed until close."""
    def handler(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        block = b"<p>" + b"a" * 65_533
        for _ in range(size // len(block)):
            h.wfile.write(block)
        h.close_connection = True
    return handler


_BOMB: bytes | None = None


def gzip_bomb(size: int = 64 * 1024 * 1024) -> Handler:
    """A small gzip body (64 KiB) that decodes to ``size`` bytes of zeros."""
    global _BOMB
    if _BOMB is None:
        _BOMB = gzip.compress(b"\0" * size, compresslevel=9, mtime=0)
    body = _BOMB

    def handler(h: RequestHandler) -> None:
        h.send_simple(200, body, {"Content-Encoding": "gzip"}, content_type="text/html")
    return handler


def redirect_to(location: str, status: int = 302) -> Handler:
    return lambda h: h.redirect(location, status)

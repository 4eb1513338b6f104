"""Safe, polite HTTP fetching for web sources: one bounded async client on httpx.

What every fetch gets, whatever the source kind:

- **Address guard.** Every TCP connection (the first hop and every redirect hop, keep-alive
  connections included, since they were checked when opened) goes through
  :class:`GuardedBackend`, which resolves the host itself, refuses the connection when any
  resolved address is loopback, private, link-local, multicast, reserved or a cloud metadata
  address, and then connects to the address it checked, so DNS rebinding cannot swap in
  another one. ``allow_private_network`` lifts the block (tests point at 127.0.0.1); a list
  of networks lifts it for those networks only. Metadata addresses stay blocked unless a
  listed network names them. Proxies from the environment are ignored (``trust_env=False``):
  a proxy would make the guard check the proxy instead of the target.
- **Limits.** http/https only; a cap on the bytes on the wire and, separately, on the bytes
  after ``Content-Encoding`` decoding (gzip bombs); a redirect cap with loop detection; a
  per-request timeout and a total time budget per URL that covers retries and slow drips.
- **Retries.** Network errors, timeouts, truncated bodies, 5xx and 429 are retried with
  exponential backoff and full jitter; ``Retry-After`` is honoured (and delays the whole
  host) unless it exceeds the budget; other 4xx are final. Attempts are bounded.
- **Politeness.** A per-host delay shared by every fetch in the process, robots.txt
  (RFC 9309: a 4xx robots.txt allows everything, an unreachable one disallows everything
  for now) with its ``Crawl-delay``, and a per-client concurrency cap.

Nothing here knows about sources, tables or the warehouse: a fetch returns a
:class:`FetchResult` and never raises for anything the network or the server does.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import fcntl
import hashlib
import ipaddress
import os
import random
import socket
import threading
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import anyio
import httpcore
import httpx

DEFAULT_USER_AGENT = "akhbar/0.1 (Arabic news ETL; batch crawler; respects robots.txt)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Headers kept with a stored payload (the rest say nothing about its content).
SELECTED_HEADERS = (
    "content-type", "content-length", "content-encoding", "content-language", "etag",
    "last-modified", "date", "expires", "cache-control", "age", "retry-after", "server",
    "x-robots-tag", "location",
)
# Failures worth another try on a later run; the rest are the server's or our final word.
TRANSIENT_ERRORS = frozenset({
    "timeout", "network_error", "dns_error", "truncated_body", "http_429", "robots_unavailable",
    *(f"http_{code}" for code in range(500, 600)),
})
# Cloud instance-metadata endpoints: blocked even when private networks are allowed,
# unless a listed network names them explicitly.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))
_ROBOTS_TTL_S = 3600.0
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
_MAX_CRAWL_DELAY_S = 30.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How one source fetches. Defaults suit a nightly crawl of a news site."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout_s: float = 20.0  # per network operation (connect, each read)
    max_total_s: float = 90.0  # per URL, retries, backoff and redirects included
    max_attempts: int = 4  # per URL and redirect hop
    backoff_s: float = 1.0  # first backoff; doubles per attempt, with full jitter
    backoff_max_s: float = 30.0
    max_retry_after_s: float = 120.0  # a longer Retry-After gives up (the next run retries)
    max_bytes: int = 10 * 1024 * 1024  # on the wire
    max_decompressed_bytes: int = 30 * 1024 * 1024  # after Content-Encoding decoding
    max_redirects: int = 5
    delay_s: float = 1.0  # between requests to one host, across the run's processes
    max_concurrency: int = 8
    respect_robots: bool = True
    allow_private_network: bool | tuple[str, ...] = False
    accept_language: str = "ar, en;q=0.5, *;q=0.3"


@dataclass(slots=True)
class FetchResult:
    """The outcome of fetching one URL: a body, "not modified", or an error code."""

    url: str  # as requested
    final_url: str | None = None  # after redirects
    status: int | None = None  # last HTTP status; None when no response arrived
    body: bytes = b""  # decoded (Content-Encoding removed)
    headers: dict[str, str] = field(default_factory=dict)  # SELECTED_HEADERS only
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    elapsed_ms: int = 0
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)
    error: str | None = None  # a reason code (see README: web sources)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def transient(self) -> bool:
        return self.error in TRANSIENT_ERRORS

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.body).hexdigest() if self.ok and not self.not_modified else None

    @property
    def content_type(self) -> str | None:
        value = (self.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
        return value or None

    @property
    def charset(self) -> str | None:
        return header_charset(self.headers.get("content-type"))


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("'\"").strip() or None
    return None


class FetchFailure(Exception):
    """A final verdict on one request, with its reason code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class BlockedAddress(Exception):
    """A connection to an address the policy refuses (raised before any packet is sent)."""


class DnsError(httpcore.ConnectError):
    """The host name does not resolve."""


# --- address guard --------------------------------------------------------------------


class AddressPolicy:
    """Which resolved addresses a source may connect to."""

    def __init__(self, allow: bool | Sequence[str]) -> None:
        self.allow_private = allow is True
        self.networks = [] if isinstance(allow, bool) else [
            ipaddress.ip_network(n, strict=False) for n in allow]

    def refusal(self, address: str) -> str | None:
        """Why ``address`` is refused, or None when it is allowed."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address):
            # ::ffff:127.0.0.1 and 6to4/Teredo forms reach the embedded IPv4 address.
            embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
            if embedded is not None:
                ip = embedded
        if any(ip in net for net in self.networks if net.version == ip.version):
            return None
        if ip in METADATA_ADDRESSES:
            return f"{ip} is a cloud metadata address"
        if self.allow_private:
            return None
        if ip.is_loopback:
            return f"{ip} is a loopback address"
        if ip.is_link_local:
            return f"{ip} is a link-local address"
        if ip.is_private:
            return f"{ip} is a private address"
        if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
            return f"{ip} is not a public address"
        return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend behind the address check: resolve, check, connect to the
    checked address (TLS still verifies and sends SNI for the host name, as httpcore takes
    it from the request, not from this address)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        except (socket.gaierror, UnicodeError) as exc:
            raise DnsError(f"cannot resolve {host}: {exc}") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise DnsError(f"cannot resolve {host}: no address")
        for address in addresses:  # all of them: a name with one private address is refused
            why = self.policy.refusal(address)
            if why:
                raise BlockedAddress(f"{host} resolves to {why}")
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout=timeout,
                                                     local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool rebuilt on :class:`GuardedBackend`.

    httpx has no parameter for a network backend, so the pool it builds is replaced by an
    identical one that has ours; tests/test_web_fetch.py fails if an httpx upgrade changes
    this (a private address would then be fetched)."""

    def __init__(self, policy: AddressPolicy, max_connections: int) -> None:
        super().__init__(trust_env=False, retries=0)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections, max_keepalive_connections=max_connections,
            keepalive_expiry=5.0, http1=True, http2=False, retries=0,
            network_backend=GuardedBackend(policy))


# --- politeness -----------------------------------------------------------------------


class HostPacer:
    """Spaces requests to one host by a delay, for every fetch of a run.

    Within a process a dict does it. When the run gives a shared folder (``share``), the
    next allowed time of each host lives in a small file there, updated under ``flock``, so
    the run's worker processes (its process pool, a Dask LocalCluster) pace one host
    together instead of each at its own rate. Wall-clock time, since processes share it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self.folder: str | None = None

    def share(self, folder: str | None) -> None:
        """Pace through ``folder`` (created if missing); None: this process only."""
        if folder:
            os.makedirs(folder, exist_ok=True)
        self.folder = folder

    def _reserve(self, host: str, delay: float, at_least: float = 0.0) -> float:
        """Book the next slot for ``host``; returns when it starts (time.time())."""
        now = time.time()
        with self._lock:
            fd = None
            if self.folder:
                path = os.path.join(self.folder, hashlib.sha1(host.encode()).hexdigest()[:16])
                try:
                    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                except FileNotFoundError:  # the run's folder is gone: pace this process alone
                    self.folder = None
            if fd is None:
                at = max(now, at_least, self._next.get(host, 0.0))
                self._next[host] = at + delay
                return at
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                raw = os.pread(fd, 64, 0).decode(errors="ignore").strip()
                booked = float(raw) if raw else 0.0
                at = max(now, at_least, booked)
                os.pwrite(fd, f"{at + delay:.6f}".encode().ljust(32), 0)
                return at
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    async def wait(self, host: str, delay: float) -> None:
        at = self._reserve(host, delay)
        pause = at - time.time()
        if pause > 0:
            await asyncio.sleep(pause)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` (a Retry-After applies to the host)."""
        self._reserve(host, 0.0, at_least=time.time() + seconds)


PACER = HostPacer()


@dataclass(slots=True)
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    error: str | None  # "robots_unavailable": everything disallowed for now
    fetched: float


_ROBOTS_CACHE: dict[tuple[str, str], _Robots] = {}
_ROBOTS_LOCK = threading.Lock()


# --- bodies ---------------------------------------------------------------------------


class BoundedDecoder:
    """Content-Encoding decoding that stops at a size cap (gzip bombs)."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.encoding = encoding
        self.out = bytearray()
        self._d: Any = self._new()
        self._first = True

    def _new(self) -> Any:
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(zlib.MAX_WBITS)  # deflate: zlib-wrapped (raw tried below)

    def feed(self, chunk: bytes) -> None:
        if self._first and self.encoding == "deflate" and chunk:
            self._first = False
            # Some servers send raw deflate: no zlib header (its first byte's low nibble is 8).
            if chunk[0] & 0x0F != 8:
                self._d = zlib.decompressobj(-zlib.MAX_WBITS)
        data = chunk
        while data:
            try:
                out = self._d.decompress(data, self.cap - len(self.out) + 1)
            except zlib.error as exc:
                raise FetchFailure("bad_encoding", f"cannot decode {self.encoding} body: {exc}") from None
            self.out += out
            if len(self.out) > self.cap:
                raise FetchFailure("decompression_bomb",
                                   f"body decodes to more than {self.cap} bytes")
            if self._d.unconsumed_tail:
                data = self._d.unconsumed_tail
            elif self._d.eof and self._d.unused_data:
                data = self._d.unused_data  # a concatenated gzip member
                self._d = self._new()
            else:
                data = b""

    def finish(self) -> bytes:
        with contextlib.suppress(zlib.error):
            self.out += self._d.flush()
        if len(self.out) > self.cap:
            raise FetchFailure("decompression_bomb", f"body decodes to more than {self.cap} bytes")
        return bytes(self.out)


def gunzip_bounded(data: bytes, cap: int) -> bytes:
    """Decompress a gzip file (a ``sitemap.xml.gz``) without letting it exceed ``cap``."""
    dec = BoundedDecoder("gzip", cap)
    dec.feed(data)
    return dec.finish()


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else FetchFailure."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise FetchFailure("bad_url", f"invalid URL {url[:200]!r}: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchFailure("unsupported_scheme",
                           f"only http and https are fetched, not {parts.scheme or 'a relative URL'!r}")
    if not parts.hostname:
        raise FetchFailure("bad_url", f"URL without a host: {url[:200]!r}")
    try:
        _ = parts.port
    except ValueError:
        raise FetchFailure("bad_url", f"invalid port in {url[:200]!r}") from None
    return url.strip()


# --- the client -----------------------------------------------------------------------


class Fetcher:
    """An async client for one source's fetches; use as ``async with Fetcher(policy) as f``."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.addresses = AddressPolicy(policy.allow_private_network)
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(max(1, policy.max_concurrency))
        self._robots_inflight: dict[tuple[str, str], asyncio.Future[_Robots]] = {}

    async def __aenter__(self) -> Fetcher:
        n = max(1, self.policy.max_concurrency)
        self._client = httpx.AsyncClient(
            transport=_GuardedTransport(self.addresses, max_connections=n + 2),
            follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(self.policy.timeout_s),
            headers={"User-Agent": self.policy.user_agent,
                     "Accept-Encoding": "gzip, deflate",
                     "Accept-Language": self.policy.accept_language})
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") -> FetchResult:
        """GET ``url`` (conditionally when validators are given), following redirects."""
        async with self._slots:
            return await self._run(url, etag=etag, last_modified=last_modified, accept=accept)

    async def _run(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                   accept: str, robots: bool = True, max_bytes: int | None = None,
                   max_attempts: int | None = None) -> FetchResult:
        result = FetchResult(url=url)
        t0 = time.monotonic()
        try:
            await self._fetch(result, url, etag, last_modified, accept, t0, robots=robots,
                              max_bytes=max_bytes or self.policy.max_bytes,
                              max_attempts=max_attempts or self.policy.max_attempts)
        except FetchFailure as exc:
            result.error, result.message = exc.reason, str(exc)[:1000]
            result.body = b""
        except Exception as exc:  # a fetch never takes the run down with it
            result.error, result.message = "internal_error", f"{type(exc).__name__}: {exc}"[:1000]
            result.body = b""
        result.elapsed_ms = int((time.monotonic() - t0) * 1000)
        return result

    async def _fetch(self, result: FetchResult, url: str, etag: str | None,
                     last_modified: str | None, accept: str, t0: float, *, robots: bool,
                     max_bytes: int, max_attempts: int) -> None:
        policy = self.policy
        deadline = t0 + policy.max_total_s
        current = check_url(url)
        seen = {current}
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        while True:
            result.final_url = current
            if robots and policy.respect_robots:
                await self._check_robots(current)
            status = await self._request(result, current, headers, deadline, max_bytes, max_attempts)
            if status not in REDIRECT_STATUSES:
                break
            location = result.headers.get("location")
            if not location:
                raise FetchFailure(f"http_{status}", f"HTTP {status} redirect without a Location")
            target = check_url(urljoin(current, location))
            if target in seen:
                raise FetchFailure("redirect_loop", f"redirect loop: {current} -> {target}")
            if len(result.redirects) >= policy.max_redirects:
                raise FetchFailure("too_many_redirects",
                                   f"more than {policy.max_redirects} redirects (last {target})")
            seen.add(target)
            result.redirects.append(target)
            current = target
        if status == 304:
            if not (etag or last_modified):
                raise FetchFailure("http_304", "HTTP 304 to an unconditional request")
            return
        if not 200 <= status < 300:
            raise FetchFailure(f"http_{status}", f"HTTP {status} for {current}")

    async def _request(self, result: FetchResult, url: str, headers: dict[str, str],
                       deadline: float, max_bytes: int, max_attempts: int) -> int:
        """One hop with retries; returns the final status, fills result.body/headers."""
        policy = self.policy
        host = (urlsplit(url).hostname or "").lower()
        last_reason, last_message = "timeout", "no attempt made within the time budget"
        for attempt in range(1, max_attempts + 1):
            await PACER.wait(host, self._host_delay(url))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            result.attempts += 1
            result.fetched_at = dt.datetime.now(dt.UTC)
            retry_after: float | None = None
            try:
                async with asyncio.timeout(remaining):
                    status = await self._once(result, url, headers, max_bytes)
                if status != 429 and status < 500:
                    return status
                last_reason, last_message = f"http_{status}", f"HTTP {status} for {url}"
                retry_after = parse_retry_after(result.headers.get("retry-after"))
            except TimeoutError:
                raise FetchFailure("timeout", f"no complete response within {policy.max_total_s:g} s "
                                   f"({result.attempts} attempts)") from None
            except BlockedAddress as exc:
                raise FetchFailure("blocked_address", f"refused: {exc}") from None
            except httpx.TimeoutException as exc:
                last_reason, last_message = "timeout", f"{type(exc).__name__}: {exc}"
            except httpx.ConnectError as exc:
                if isinstance(exc.__cause__, DnsError):
                    raise FetchFailure("dns_error", str(exc)) from None
                last_reason, last_message = "network_error", f"ConnectError: {exc}"
            except httpx.RemoteProtocolError as exc:
                text = str(exc)
                truncated = "incomplete" in text.lower() or "peer closed" in text.lower()
                last_reason = "truncated_body" if truncated else "network_error"
                last_message = f"RemoteProtocolError: {text}"
            except (httpx.TransportError, httpx.StreamError) as exc:
                last_reason, last_message = "network_error", f"{type(exc).__name__}: {exc}"
            # A retryable outcome: back off (full jitter), honour Retry-After.
            if attempt == max_attempts:
                break
            wait = random.uniform(0, min(policy.backoff_max_s, policy.backoff_s * 2 ** (attempt - 1)))
            if retry_after is not None:
                if retry_after > policy.max_retry_after_s:
                    raise FetchFailure(last_reason, f"{last_message}; Retry-After {retry_after:g} s "
                                       f"exceeds max_retry_after_s {policy.max_retry_after_s:g}")
                PACER.defer(host, retry_after)
                wait = max(wait, retry_after)
            if time.monotonic() + wait >= deadline:
                raise FetchFailure(last_reason, f"{last_message}; no time left for another attempt "
                                   f"(budget {policy.max_total_s:g} s)")
            await asyncio.sleep(wait)
        raise FetchFailure(last_reason, f"{last_message} (after {result.attempts} attempts)")

    async def _once(self, result: FetchResult, url: str, headers: dict[str, str],
                    max_bytes: int) -> int:
        assert self._client is not None, "use Fetcher as an async context manager"
        result.body = b""
        async with self._client.stream("GET", url, headers=headers) as resp:
            result.status = resp.status_code
            result.headers = {k: resp.headers[k] for k in SELECTED_HEADERS if k in resp.headers}
            if resp.status_code in REDIRECT_STATUSES or resp.status_code == 304 \
                    or not 200 <= resp.status_code < 300:
                return resp.status_code  # bodies of errors and redirects are not kept
            result.body = await self._read_body(resp, max_bytes)
            return resp.status_code

    async def _read_body(self, resp: httpx.Response, cap: int) -> bytes:
        declared = resp.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise FetchFailure("too_large", f"Content-Length {declared} exceeds the cap of {cap} bytes")
        encoding = resp.headers.get("content-encoding", "identity").strip().lower()
        if encoding in ("", "identity", "none"):
            decoder = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            decoder = BoundedDecoder(encoding, self.policy.max_decompressed_bytes)
        else:
            raise FetchFailure("bad_encoding", f"unsupported Content-Encoding {encoding!r}")
        wire = 0
        body = bytearray()
        async for chunk in resp.aiter_raw():
            wire += len(chunk)
            if wire > cap:
                raise FetchFailure("too_large", f"body exceeds the cap of {cap} bytes")
            if decoder is None:
                body += chunk
            else:
                decoder.feed(chunk)
        return bytes(body) if decoder is None else decoder.finish()

    # --- robots.txt ---

    def _host_delay(self, url: str) -> float:
        delay = self.policy.delay_s
        if self.policy.respect_robots:
            parts = urlsplit(url)
            with _ROBOTS_LOCK:
                robots = _ROBOTS_CACHE.get((f"{parts.scheme}://{parts.netloc}".lower(),
                                            self.policy.user_agent))
            if robots and robots.parser is not None:
                crawl_delay = robots.parser.crawl_delay(self.policy.user_agent)
                if crawl_delay:
                    delay = max(delay, min(float(crawl_delay), _MAX_CRAWL_DELAY_S))
        return delay

    async def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        key = (origin, self.policy.user_agent)
        with _ROBOTS_LOCK:
            robots = _ROBOTS_CACHE.get(key)
        if robots is None or time.monotonic() - robots.fetched > _ROBOTS_TTL_S:
            inflight = self._robots_inflight.get(key)
            if inflight is None:
                inflight = asyncio.ensure_future(self._load_robots(origin))
                self._robots_inflight[key] = inflight
            try:
                robots = await inflight
            finally:
                self._robots_inflight.pop(key, None)
            with _ROBOTS_LOCK:
                _ROBOTS_CACHE[key] = robots
        if robots.error:
            raise FetchFailure(robots.error, f"{origin}/robots.txt is unreachable; not fetching for now")
        if robots.parser is not None and not robots.parser.can_fetch(self.policy.user_agent, url):
            raise FetchFailure("robots_disallowed", f"robots.txt of {origin} disallows {url}")

    async def _load_robots(self, origin: str) -> _Robots:
        # Outside the concurrency slots: the page fetch waiting for it already holds one.
        res = await self._run(f"{origin}/robots.txt", accept="text/plain,*/*;q=0.5", robots=False,
                              max_bytes=_ROBOTS_MAX_BYTES, max_attempts=min(2, self.policy.max_attempts))
        now = time.monotonic()
        if res.ok and res.status and 200 <= res.status < 300:
            parser = RobotFileParser()
            parser.parse(res.body.decode("utf-8", "replace").splitlines())
            return _Robots(parser, None, now)
        if res.status is not None and 400 <= res.status < 500 and res.status != 429:
            return _Robots(None, None, now)  # no robots.txt: everything allowed
        if res.error and not res.transient:
            return _Robots(None, None, now)  # e.g. a blocked address: the page fetch says so
        # 5xx, 429 or unreachable: RFC 9309 says assume complete disallow; look again soon.
        return _Robots(None, "robots_unavailable", now - _ROBOTS_TTL_S + 60.0)


T = TypeVar("T")


def run_async(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, even when this thread already runs an
    event loop (then in a fresh thread with its own loop)."""
    async def main() -> T:
        return await factory()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="akhbar-fetch") as pool:
        return pool.submit(asyncio.run, main()).result()


def clear_robots_cache() -> None:
    """Forget cached robots.txt files (tests start servers on reused ports)."""
    with _ROBOTS_LOCK:
        _ROBOTS_CACHE.clear()

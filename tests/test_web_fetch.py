"""The HTTP client of web sources against a real local server: retries, limits, address
guard, robots.txt, politeness, conditional GET. No mocks: every case is a real request."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import itertools
import time
import zlib

import pytest
from webserver import (
    LocalServer,
    Resource,
    always,
    drip,
    fail_then,
    gzip_bomb,
    oversized,
    redirect_to,
    reset_connection,
    stall,
    truncated,
)

from akhbar.fetch import (
    AddressPolicy,
    BoundedDecoder,
    Fetcher,
    FetchFailure,
    FetchPolicy,
    FetchResult,
    clear_robots_cache,
    parse_retry_after,
)

PAGE = "<html><head><title>خبر</title></head><body><p>نص الخبر العاجل اليوم.</p></body></html>".encode()
FAST = FetchPolicy(timeout_s=0.5, max_total_s=2.0, max_attempts=3, backoff_s=0.05, backoff_max_s=0.2,
                   max_retry_after_s=5.0, delay_s=0.0, max_bytes=1024 * 1024,
                   max_decompressed_bytes=2 * 1024 * 1024, max_redirects=3, allow_private_network=True)


def fetch(url: str, policy: FetchPolicy = FAST, **kw) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(policy) as f:
            return await f.fetch(url, **kw)
    return asyncio.run(go())


def fetch_many(urls: list[str], policy: FetchPolicy) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with Fetcher(policy) as f:
            return list(await asyncio.gather(*(f.fetch(u) for u in urls)))
    return asyncio.run(go())


@pytest.fixture(scope="module")
def server():
    clear_robots_cache()
    with LocalServer() as srv:
        srv.add("/robots.txt", Resource(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        srv.add("/page", Resource(PAGE))
        srv.add("/gz", Resource(PAGE, gzip=True))
        srv.add("/private/page", Resource(PAGE))
        srv.add("/flaky", fail_then(Resource(PAGE), 500))
        srv.add("/ratelimited", fail_then(Resource(PAGE), 429, headers={"Retry-After": "1"}))
        srv.add("/ratelimited-long", always(429, {"Retry-After": "3600"}))
        srv.add("/missing", always(404))
        srv.add("/down", always(503))
        srv.add("/reset", reset_connection())
        srv.add("/truncated", truncated())
        srv.add("/drip", drip())
        srv.add("/stall", stall(3.0))
        srv.add("/oversized", oversized(declared=True))
        srv.add("/oversized-stream", oversized(declared=False))
        srv.add("/bomb", gzip_bomb())
        srv.add("/loop-a", redirect_to("/loop-b"))
        srv.add("/loop-b", redirect_to("/loop-a"))
        for i in range(6):
            srv.add(f"/chain/{i}", redirect_to(f"/chain/{i + 1}", 301))
        srv.add("/chain/6", Resource(PAGE))
        srv.add("/to-page", redirect_to("/page", 308))
        srv.add("/to-metadata", redirect_to("http://169.254.169.254/latest/meta-data/"))
        srv.add("/to-loopback-2", redirect_to(f"http://127.0.0.2:{srv.port}/page"))
        srv.add("/to-private", redirect_to("http://10.20.30.40/page"))
        srv.add("/to-ftp", redirect_to("ftp://example.org/x"))
        yield srv
    clear_robots_cache()


def test_plain_get_then_conditional_get_is_a_304(server):
    first = fetch(server.url("/page"))
    assert first.ok and first.status == 200 and first.body == PAGE and first.attempts == 1
    assert first.headers["etag"] and first.headers["last-modified"] and first.charset == "utf-8"
    again = fetch(server.url("/page"), etag=first.headers["etag"])
    assert again.not_modified and again.body == b""
    assert server.hits_for("/page")[-1].headers["if-none-match"] == first.headers["etag"]
    by_date = fetch(server.url("/page"), last_modified=first.headers["last-modified"])
    assert by_date.not_modified


def test_gzip_content_encoding_is_decoded(server):
    res = fetch(server.url("/gz"))
    assert res.ok and res.body == PAGE and res.headers["content-encoding"] == "gzip"


def test_500_then_200_succeeds_on_retry(server):
    res = fetch(server.url("/flaky"))
    assert res.ok and res.body == PAGE and res.attempts == 2
    assert [h.status for h in server.hits_for("/flaky")] == [500, 200]


def test_429_honours_retry_after(server):
    res = fetch(server.url("/ratelimited"))
    assert res.ok and res.attempts == 2
    first, second = server.hits_for("/ratelimited")
    assert second.at - first.at >= 0.95  # Retry-After: 1, although the backoff is 50 ms


def test_retry_after_beyond_the_budget_gives_up_at_once(server):
    t0 = time.monotonic()
    res = fetch(server.url("/ratelimited-long"))
    assert res.error == "http_429" and res.attempts == 1 and "Retry-After" in res.message
    assert time.monotonic() - t0 < 1.0


def test_other_4xx_are_not_retried(server):
    res = fetch(server.url("/missing"))
    assert res.error == "http_404" and res.status == 404 and res.attempts == 1 and not res.transient


def test_5xx_is_retried_up_to_max_attempts(server):
    res = fetch(server.url("/down"))
    assert res.error == "http_503" and res.attempts == FAST.max_attempts and res.transient


def test_connection_reset_is_a_network_error_after_retries(server):
    res = fetch(server.url("/reset"))
    assert res.error == "network_error" and res.attempts == FAST.max_attempts and res.transient


def test_truncated_body(server):
    res = fetch(server.url("/truncated"))
    assert res.error == "truncated_body" and res.body == b""


def test_slow_drip_hits_the_total_time_budget(server):
    t0 = time.monotonic()
    res = fetch(server.url("/drip"))
    assert res.error == "timeout"
    assert FAST.max_total_s - 0.1 <= time.monotonic() - t0 < FAST.max_total_s + 1.0


def test_slow_headers_time_out(server):
    res = fetch(server.url("/stall"))
    assert res.error == "timeout" and res.attempts >= 2  # read timeouts are retried in budget


def test_declared_oversized_body_is_refused_before_download(server):
    t0 = time.monotonic()
    res = fetch(server.url("/oversized"))
    assert res.error == "too_large" and "Content-Length" in res.message and res.attempts == 1
    assert time.monotonic() - t0 < 1.0


def test_streamed_oversized_body_is_cut_at_the_cap(server):
    res = fetch(server.url("/oversized-stream"))
    assert res.error == "too_large" and res.attempts == 1


def test_gzip_bomb_is_stopped_at_the_decompressed_cap(server):
    res = fetch(server.url("/bomb"))
    assert res.error == "decompression_bomb" and res.attempts == 1


def test_redirects_are_followed_capped_and_loops_detected(server):
    ok = fetch(server.url("/to-page"))
    assert ok.ok and ok.final_url == server.url("/page") and ok.redirects == [server.url("/page")]
    assert fetch(server.url("/loop-a")).error == "redirect_loop"
    too_many = fetch(server.url("/chain/0"))
    assert too_many.error == "too_many_redirects" and len(too_many.redirects) == FAST.max_redirects
    assert fetch(server.url("/chain/3")).ok  # three redirects are within the cap


def test_redirect_to_a_metadata_address_is_refused_even_when_private_is_allowed(server):
    t0 = time.monotonic()
    res = fetch(server.url("/to-metadata"))
    assert res.error == "blocked_address" and "metadata" in res.message
    assert time.monotonic() - t0 < 1.0  # refused before any connection attempt


def test_allow_list_lets_the_server_through_but_not_redirects_to_other_private_addresses(server):
    policy = dataclasses.replace(FAST, allow_private_network=("127.0.0.1/32",))
    assert fetch(server.url("/page"), policy).ok
    loop2 = fetch(server.url("/to-loopback-2"), policy)
    assert loop2.error == "blocked_address" and "127.0.0.2" in loop2.message
    private = fetch(server.url("/to-private"), policy)
    assert private.error == "blocked_address" and "10.20.30.40" in private.message


def test_private_addresses_are_refused_by_default_before_connecting(server):
    policy = FetchPolicy(timeout_s=0.5, max_total_s=2.0, delay_s=0.0, backoff_s=0.05)
    server.reset_log()
    direct = fetch(server.url("/page"), policy)
    by_name = fetch(f"http://localhost:{server.port}/page", policy)  # resolves to loopback
    assert direct.error == by_name.error == "blocked_address"
    # Refused before connecting: neither the page nor robots.txt was requested.
    assert direct.attempts == 1
    assert server.hits_for("/page") == server.hits_for("/robots.txt") == []


def test_only_http_and_https(server):
    for url in ("ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "/relative"):
        assert fetch(url).error == "unsupported_scheme", url
    assert fetch(server.url("/to-ftp")).error == "unsupported_scheme"
    assert fetch("http://[::1/").error == "bad_url"


def test_robots_txt_disallow_is_respected(server):
    server.reset_log()
    res = fetch(server.url("/private/page"))
    assert res.error == "robots_disallowed" and not res.transient
    assert server.hits_for("/private/page") == []
    assert fetch(server.url("/private/page"), dataclasses.replace(FAST, respect_robots=False)).ok


def test_unreachable_robots_txt_disallows_for_now():
    clear_robots_cache()
    with LocalServer() as srv:
        srv.add("/robots.txt", always(500))
        srv.add("/page", Resource(PAGE))
        res = fetch(srv.url("/page"))
        assert res.error == "robots_unavailable" and res.transient
        assert srv.hits_for("/page") == []
    clear_robots_cache()


def test_missing_robots_txt_allows_everything():
    clear_robots_cache()
    with LocalServer() as srv:
        srv.add("/page", Resource(PAGE))
        assert fetch(srv.url("/page")).ok
        assert [h.status for h in srv.hits_for("/robots.txt")] == [404]
    clear_robots_cache()


def test_per_host_delay_spaces_concurrent_requests(server):
    policy = FetchPolicy(timeout_s=1.0, max_total_s=5.0, delay_s=0.3, max_concurrency=4,
                         allow_private_network=True)
    server.reset_log()
    results = fetch_many([server.url("/page")] * 4, policy)
    assert all(r.ok for r in results)
    times = sorted(h.at for h in server.hits_for("/page"))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # Unpaced, the four would arrive within milliseconds; paced, 0.3 s apart (a little
    # scheduling jitter allowed on a loaded machine).
    assert len(times) == 4 and min(gaps) >= 0.2 and times[-1] - times[0] >= 0.85, gaps


def test_address_policy_covers_mapped_and_special_ranges():
    deny = AddressPolicy(False)
    for addr in ("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1",
                 "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
                 "2002:7f00:1::1", "169.254.169.254", "fd00:ec2::254"):
        assert deny.refusal(addr), addr
    for addr in ("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"):
        assert deny.refusal(addr) is None, addr
    allow = AddressPolicy(True)
    assert allow.refusal("127.0.0.1") is None and allow.refusal("10.0.0.1") is None
    assert allow.refusal("169.254.169.254")  # metadata stays blocked
    assert AddressPolicy(["169.254.169.254/32"]).refusal("169.254.169.254") is None


def test_retry_after_forms():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_bounded_decoder_handles_deflate_forms_and_gzip_members():
    data = "خبر ".encode() * 1000
    for encoded, enc in ((zlib.compress(data), "deflate"),
                         (zlib.compress(data)[2:-4], "deflate"),  # raw deflate, no zlib header
                         (gzip.compress(data[:2000]) + gzip.compress(data[2000:]), "gzip")):
        dec = BoundedDecoder(enc, 10 * len(data))
        for i in range(0, len(encoded), 100):
            dec.feed(encoded[i:i + 100])
        assert dec.finish() == data
    with pytest.raises(FetchFailure, match="more than"):
        BoundedDecoder("gzip", 1000).feed(gzip.compress(b"\0" * 100_000))

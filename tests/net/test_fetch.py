"""The fetcher against a real, misbehaving server on 127.0.0.1: no mocks, real sockets."""

from __future__ import annotations

import asyncio
import resource
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from newsterm.core.net.fetch import USER_AGENT, Fetcher, FetchError
from newsterm.core.text.clean import clean_line
from tests.support.faultserver import (
    ETAG,
    LAST_MODIFIED,
    RSS,
    FaultServer,
    big_text,
    bomb_body,
    running_fault_server,
)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def assert_one_clean_line(error: FetchError) -> None:
    """Every failure must fit one line of the status area and carry no control characters."""
    assert error.message
    assert "\n" not in error.message and "\r" not in error.message
    assert clean_line(error.message) == error.message
    assert str(error) == error.message


async def fetch_error(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    assert_one_clean_line(caught.value)
    return caught.value


async def test_first_fetch_brings_body_and_validators(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url("/feed"))
    assert result.status == 200
    assert not result.not_modified
    assert result.body == RSS
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED
    assert result.content_type.startswith("application/rss+xml")
    assert result.url == result.final_url == server.url("/feed")
    assert result.max_age is None
    assert 0 < result.elapsed < 5
    assert server.user_agents == [USER_AGENT]
    assert USER_AGENT.startswith("newsterm/")
    assert server.accept_encodings == ["gzip, deflate"]


async def test_second_fetch_with_validators_is_not_modified(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        first = await fetcher.fetch(server.url("/feed"))
        second = await fetcher.fetch(
            server.url("/feed"), etag=first.etag, last_modified=first.last_modified
        )
    assert second.status == 304
    assert second.not_modified
    assert second.body is None
    assert second.etag == ETAG and second.last_modified == LAST_MODIFIED
    assert server.hits["/feed"] == 2
    assert server.conditional_hits["/feed"] == 1


async def test_validators_are_carried_when_304_omits_them(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url("/feed"), last_modified=LAST_MODIFIED)
        stale = await fetcher.fetch(server.url("/feed"), etag='"old"')
    assert result.not_modified and result.last_modified == LAST_MODIFIED
    assert stale.status == 200 and stale.body == RSS
    assert server.conditional_hits["/feed"] == 2


@pytest.mark.parametrize(
    "path", ["/gzip-feed", "/deflate-feed", "/deflate-feed?variant=raw"], ids=str
)
async def test_compressed_bodies_are_decoded(server: FaultServer, path: str) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url(path))
    assert result.body == RSS


@pytest.mark.parametrize("variant", ["gzip", "deflate", "raw"])
async def test_large_compressed_bodies_decode_exactly(server: FaultServer, variant: str) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url(f"/big?variant={variant}"))
    assert result.body == big_text()
    assert len(result.body) > 2 * 2**20


async def test_large_compressed_body_over_the_cap(server: FaultServer) -> None:
    async with Fetcher(max_bytes=2**20) as fetcher:
        error = await fetch_error(fetcher, server.url("/big?variant=gzip"))
    assert (error.kind, error.message) == ("too_large", "larger than 1 MB")


def _peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


async def test_gzip_bomb_is_stopped_without_allocating_it(server: FaultServer) -> None:
    compressed = bomb_body()  # built before measuring: it is the server's memory, not ours
    assert len(compressed) < 2 * 2**20
    before = _peak_rss_kib()
    # ru_maxrss is a high-water mark, so it can hide a 64 MB burst under an earlier peak;
    # tracemalloc sees every bytes object zlib hands back, so it catches that too.
    tracemalloc.start()
    try:
        async with Fetcher() as fetcher:
            error = await fetch_error(fetcher, server.url("/bomb"))
        traced_peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    growth_mib = (_peak_rss_kib() - before) / 1024
    print(f"bomb: peak RSS growth {growth_mib:.1f} MiB, traced peak {traced_peak_mib:.1f} MiB")
    assert error.kind == "too_large"
    assert error.message == "larger than 16 MB"
    assert growth_mib < 200
    assert traced_peak_mib < 24  # the 16 MB cap plus buffers, never one inflated chunk


async def test_drip_feed_fails_at_the_total_deadline(server: FaultServer) -> None:
    async with Fetcher(total_deadline=2.0) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, server.url("/drip"))
        elapsed = time.monotonic() - started
    print(f"drip: failed after {elapsed:.2f} s")
    assert error.kind == "timeout"
    assert error.message == "timed out after 2 s"
    assert 1.9 <= elapsed < 5


async def test_server_that_never_answers_times_out(server: FaultServer) -> None:
    async with Fetcher(total_deadline=1.0) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, server.url("/hang"))
        elapsed = time.monotonic() - started
    assert error.kind == "timeout"
    assert 0.9 <= elapsed < 4


async def test_connection_reset_mid_body(server: FaultServer) -> None:
    async with Fetcher(total_deadline=5.0) as fetcher:
        error = await fetch_error(fetcher, server.url("/reset"))
    assert error.kind == "connection"


async def test_endless_body_is_cut_at_max_bytes(server: FaultServer) -> None:
    async with Fetcher(max_bytes=256 * 1024) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, server.url("/endless"))
    assert error.kind == "too_large"
    assert error.message == "larger than 256 KB"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("hops", [5, 10])
async def test_redirect_chains_are_followed(server: FaultServer, hops: int) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url(f"/redirect/{hops}"))
    assert result.status == 200 and result.body == RSS
    assert result.url == server.url(f"/redirect/{hops}")
    assert result.final_url.endswith("/feed")
    assert server.hits["/feed"] == 1
    assert sum(n for path, n in server.hits.items() if path.startswith("/redirect/")) == hops


async def test_too_many_redirects(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url("/redirect/11"))
    assert error.kind == "redirects"
    assert server.hits["/feed"] == 0


async def test_redirect_loop(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url("/loop"))
    assert error.kind == "redirects"
    assert server.hits["/loop"] == 1


async def test_redirect_to_a_file_url_is_refused(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url("/to-file"))
    assert error.kind == "scheme"
    assert "file" in error.message


@pytest.mark.parametrize(
    "template",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "FILE:///x",
        " -http://x",
        " -http://127.0.0.1:{port}/feed",
        "-HTTP://127.0.0.1:{port}/feed",
        "ftp://127.0.0.1:{port}/feed",
        "FILE://127.0.0.1:{port}/feed",
        "//127.0.0.1:{port}/feed",
        "127.0.0.1:{port}/feed",
        "data:text/html,<b>hi</b>",
        "http:///feed",
        "",
        "   ",
    ],
)
async def test_other_schemes_are_refused_before_any_request(
    server: FaultServer, template: str
) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, template.format(port=server.port))
    assert error.kind == "scheme"
    assert server.total_requests == 0


async def test_mixed_case_http_scheme_is_allowed(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch("  HTTP://127.0.0.1:" + str(server.port) + "/feed\n")
    assert result.body == RSS


@pytest.mark.parametrize(
    ("code", "message"),
    [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"), (500, "HTTP 500 Internal Server Error")],
)
async def test_http_errors_carry_their_status(server: FaultServer, code: int, message: str) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url(f"/status/{code}"))
    assert error.kind == "http_status"
    assert error.status == code
    assert error.message == f"{message} for {server.url(f'/status/{code}')}"  # which address
    assert error.retry_after is None


async def test_429_retry_after_in_seconds(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url("/status/429"))
    assert (error.kind, error.status, error.retry_after) == ("http_status", 429, 7.0)


async def test_503_retry_after_as_an_http_date(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        error = await fetch_error(fetcher, server.url("/status/503"))
    assert error.kind == "http_status" and error.status == 503
    assert error.retry_after is not None
    assert 100 < error.retry_after <= 121


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("max-age%3D30", 30),
        ("no-cache%2C%20max-age%3D45", 45),
        ('max-age%3D"90"', 90),
        ("max-age%3D99999999999", 7 * 24 * 3600),
        ("max-age%3Dbanana", None),
        ("max-age%3D-5", None),
        ("s-maxage%3D60", None),
        ("", None),
    ],
)
async def test_cache_control_max_age(server: FaultServer, value: str, expected: int | None) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url(f"/cache-control?value={value}"))
    assert result.max_age == expected


async def test_bigheader_max_age(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url("/bigheader"))
    assert result.max_age == 600


async def test_control_characters_are_stripped_from_headers(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        result = await fetcher.fetch(server.url("/evil-headers"))
    for value in (result.etag, result.last_modified, result.content_type):
        assert value
        assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in value), value
    assert result.etag == '"ab"'  # the whole CSI sequence goes, not just its ESC
    assert result.body == RSS


@pytest.mark.parametrize(("global_limit", "per_host_limit"), [(16, 3), (2, 4)])
async def test_concurrency_limits_hold_at_the_server(
    server: FaultServer, global_limit: int, per_host_limit: int
) -> None:
    limit = min(global_limit, per_host_limit)
    async with Fetcher(global_limit=global_limit, per_host_limit=per_host_limit) as fetcher:
        results = await asyncio.gather(
            *(fetcher.fetch(server.url(f"/slow?delay=0.25&n={n}")) for n in range(12))
        )
    assert all(result.body == RSS for result in results)
    assert server.hits["/slow"] == 12
    assert server.max_in_flight <= limit
    assert server.max_in_flight >= 2  # the fetches really did overlap


async def test_queueing_behind_the_host_limit_does_not_count_against_the_deadline(
    server: FaultServer,
) -> None:
    async with Fetcher(total_deadline=1.0, per_host_limit=1) as fetcher:
        results = await asyncio.gather(
            *(fetcher.fetch(server.url(f"/slow?delay=0.3&n={n}")) for n in range(5))
        )
    assert len(results) == 5
    assert server.max_in_flight == 1


async def test_unresolvable_host() -> None:
    async with Fetcher(total_deadline=10.0) as fetcher:
        error = await fetch_error(fetcher, "http://nonexistent.invalid/")
    assert error.kind in ("dns", "connection")
    print(f"dns: {error.kind}: {error.message}")


async def test_tls_failure(server: FaultServer) -> None:
    async with Fetcher(total_deadline=5.0) as fetcher:
        error = await fetch_error(fetcher, f"https://127.0.0.1:{server.port}/feed")
    assert error.kind == "tls"


async def test_connection_refused() -> None:
    with running_fault_server() as gone:
        port = gone.port
    async with Fetcher(total_deadline=5.0) as fetcher:
        error = await fetch_error(fetcher, f"http://127.0.0.1:{port}/feed")
    assert error.kind == "connection"


async def test_fetch_outside_the_context_manager_is_a_programming_error() -> None:
    with pytest.raises(RuntimeError):
        await Fetcher().fetch("http://127.0.0.1:9/")

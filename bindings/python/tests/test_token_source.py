"""TokenSource answers a fresh token in Python and otherwise defers to the manager: the same
rules as before, proven against an emulator whose tokens live about 3 s (fresh for the first
80 %, then stale for about 15 %; `expires_on` has whole seconds, so the tests read the fresh
deadline instead of assuming it)."""

from typing import Any, Iterator
import threading
import time

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, MSN, SUBSCRIPTION_KEY, Emulator


@pytest.fixture
def short_lived() -> Iterator[Emulator]:
    # One emulator per test: a background refresh still retrying from the test before must
    # not land in this test's request log.
    emulator = Emulator("--token-lifetime", "3")
    yield emulator
    emulator.stop()


class CountingManager(vipps_auth.TokenManager):
    """Counts the calls that reach the library, to show which gets were answered in Python."""

    calls = 0

    def fresh_access_token_blocking(self, credentials: vipps_auth.Credentials) -> vipps_auth.FreshToken:
        self.calls += 1
        return super().fresh_access_token_blocking(credentials)


@pytest.fixture
def source(short_lived: Emulator) -> vipps_auth.TokenSource:
    manager = CountingManager(vipps_auth.Config(vipps_auth.Environment.custom(short_lived.url)))
    keys = vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN)
    return vipps_auth.TokenSource(manager, keys)


def calls(source: vipps_auth.TokenSource) -> int:
    """How many gets reached the library."""
    assert isinstance(source.manager, CountingManager)
    return source.manager.calls


def until_stale(source: vipps_auth.TokenSource) -> None:
    """Sleeps until just past the fresh deadline of the source's token."""
    fresh = vipps_auth.TokenManager.fresh_access_token_blocking(source.manager, source.credentials)
    time.sleep(fresh.fresh_for_ms / 1000 + 0.05)


def token_requests(emulator: Emulator) -> list[dict[str, Any]]:
    return [r for r in emulator.token_requests() if r["path"] == "/accesstoken/get"]


def test_a_fresh_token_is_answered_without_the_library(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    first = source.access_token_blocking()
    for _ in range(1000):
        assert source.access_token_blocking() == first
    assert calls(source) == 1
    assert len(token_requests(short_lived)) == 1


def test_never_served_past_its_fresh_deadline_and_one_background_refresh(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    first = source.access_token_blocking()
    until_stale(source)  # the source must ask the manager again
    assert source.access_token_blocking() == first, "a stale token is still served"
    assert calls(source) == 2, "the get after the deadline reached the manager"
    for _ in range(50):
        source.access_token_blocking()  # the stale token, or the refreshed one once it landed
    time.sleep(0.3)
    assert len(token_requests(short_lived)) == 2, "exactly one background refresh"
    assert source.access_token_blocking() != first


def test_invalidate_makes_the_next_get_fetch(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    first = source.access_token_blocking()
    source.invalidate()
    assert source.access_token_blocking() != first
    assert len(token_requests(short_lived)) == 2


def test_64_threads_on_a_cold_cache_make_one_request(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    start = threading.Barrier(64)
    tokens: list[vipps_auth.AccessToken] = []

    def caller() -> None:
        start.wait()
        tokens.append(source.access_token_blocking())

    threads = [threading.Thread(target=caller) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tokens) == 64 and len(set(t.value for t in tokens)) == 1
    assert len(token_requests(short_lived)) == 1


def test_a_failed_refresh_still_serves_the_last_good_token_until_it_expires(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    good = source.access_token_blocking()
    short_lived.fault(path="/accesstoken/get", count=100, status=503)
    until_stale(source)
    deadline = time.monotonic() + 0.2  # within the stale window (about 15 % of 3 s)
    while time.monotonic() < deadline:
        assert source.access_token_blocking() == good
        time.sleep(0.02)


def test_the_async_get_remembers_too(short_lived: Emulator, source: vipps_auth.TokenSource) -> None:
    import asyncio

    async def twice() -> tuple[vipps_auth.AccessToken, vipps_auth.AccessToken]:
        return await source.access_token(), await source.access_token()

    first, second = asyncio.run(twice())
    assert first == second and len(token_requests(short_lived)) == 1


def test_the_fresh_answer_prints_no_token(source: vipps_auth.TokenSource) -> None:
    fresh = vipps_auth.TokenManager.fresh_access_token_blocking(source.manager, source.credentials)
    assert fresh.fresh_for_ms > 0
    for text in (str(fresh), repr(fresh), str(source), repr(source)):
        assert fresh.token.value not in text and CLIENT_SECRET not in text, text

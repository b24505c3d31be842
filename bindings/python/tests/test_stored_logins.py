"""Logins kept in a real Redis by separate Python processes: authorized on one, completed on
another, the same callback refused on a third with nothing sent to Vipps; the async call;
Redis down is its own error."""

from redis_server import RedisServer
import asyncio
import multiprocessing
import socket

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator
from outcomes import completed, userinfo

REDIRECT_URI = "https://example.com/app/callback"
TOKEN_ENDPOINT = "/access-management-1.0/access/oauth2/token"


def instance(emulator_url: str, redis_url: str) -> vipps_auth.LoginClient:
    """One instance of the fleet: its own client on the shared store."""
    config = vipps_auth.Config(vipps_auth.Environment.custom(emulator_url))
    store = vipps_auth.RedisStore(redis_url, timeout_ms=2000)
    return vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET, store=store)


def complete_elsewhere(emulator_url: str, redis_url: str, callback: str) -> str:
    """Another process completes the callback: the user's `sub`, or the error's code name."""
    try:
        result = instance(emulator_url, redis_url).complete_stored_blocking(callback, False)
        return completed(result).claims.sub
    except vipps_auth.VippsAuthError as error:
        return type(error).__name__


def request() -> vipps_auth.AuthorizeRequest:
    return vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name")


def test_authorized_in_one_process_completed_in_another_refused_in_a_third(emulator: Emulator, redis: RedisServer) -> None:
    authorization = instance(emulator.url, redis.url).authorize_blocking(request())
    callback = emulator.follow(authorization.url)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        first = pool.apply(complete_elsewhere, (emulator.url, redis.url, callback))
    exchanges = [r for r in emulator.requests() if r["path"] == TOKEN_ENDPOINT]
    with context.Pool(1) as pool:
        second = pool.apply(complete_elsewhere, (emulator.url, redis.url, callback))
    assert first.startswith("c0ffee00-") and second == "StateMismatch"
    assert [r for r in emulator.requests() if r["path"] == TOKEN_ENDPOINT] == exchanges
    assert len(exchanges) == 1


def test_the_async_call_and_the_client_type_with_a_store(emulator: Emulator, redis: RedisServer) -> None:
    client = instance(emulator.url, redis.url)
    assert isinstance(client, vipps_auth.LoginClient) and isinstance(client.with_store(vipps_auth.RedisStore(redis.url)), vipps_auth.LoginClient)
    authorization = client.authorize_blocking(request())
    result = asyncio.run(client.complete_stored(emulator.follow(authorization.url), True))
    assert userinfo(result).given_name == "Kari"


def test_with_redis_down_a_login_fails_with_store_unavailable(emulator: Emulator) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = instance(emulator.url, f"redis://127.0.0.1:{port}")
    with pytest.raises(vipps_auth.StoreUnavailable) as error:
        client.authorize_blocking(request())
    assert error.value.code == 12


def test_without_a_store_complete_stored_is_a_configuration_error(config: vipps_auth.Config) -> None:
    client = vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET)
    with pytest.raises(vipps_auth.Configuration):
        client.complete_stored_blocking(f"{REDIRECT_URI}?code=c&state=s", False)


def wait_elsewhere(emulator_url: str, redis_url: str, auth_req_id: str) -> str:
    """Another process waits for a phone login by its id: the user's name, or the error's name."""
    client = instance(emulator_url, redis_url)
    try:
        login = client.stored_phone_login_blocking(auth_req_id)
        result = client.wait_for_stored_phone_login_blocking(login, True, None)
        return str(userinfo(result).name) if result.is_COMPLETED() else "not completed"
    except vipps_auth.VippsAuthError as error:
        return type(error).__name__


def test_a_phone_login_started_here_is_waited_on_by_two_other_processes_and_completes_once(redis: RedisServer) -> None:
    quick = Emulator("--phone-interval", "1", "--approval-delay", "1", "--phone-max-expiry", "3")
    try:
        started = instance(quick.url, redis.url).start_phone_login_blocking(
            vipps_auth.PhoneLoginRequest(phone="+47 123 45 678", scope="name"))
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            outcomes = pool.starmap(wait_elsewhere, [(quick.url, redis.url, started.auth_req_id)] * 2)
        assert sorted(outcomes) == ["Kari Nordmann", "StateMismatch"], outcomes
        polls = [r["at_ms"] for r in quick.requests() if r["path"] == TOKEN_ENDPOINT]
        assert all(later - earlier >= 950 for earlier, later in zip(polls, polls[1:])), polls
    finally:
        quick.stop()

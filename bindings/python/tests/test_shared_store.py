"""Tokens shared through a real Redis by separate Python processes: eight processes of 32
threads each, on a cold fleet, send one token request."""

import multiprocessing
import threading

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, MSN, SUBSCRIPTION_KEY


def fleet_member(emulator_url: str, redis_url: str) -> list:
    """One process of the fleet: its own manager on the shared store, 32 threads asking."""
    # A generous timeout: on a loaded test machine a slow store rightly means fetching alone.
    store = vipps_auth.RedisStore(redis_url, timeout_ms=2000)
    manager = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment.custom(emulator_url)), store=store)
    keys = vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN)
    start, tokens = threading.Barrier(32), []

    def caller():
        start.wait()
        tokens.append(manager.access_token_blocking(keys).value)

    threads = [threading.Thread(target=caller) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tokens


def test_eight_processes_of_32_threads_on_a_cold_fleet_send_one_request(emulator, redis):
    # Spawned, not forked: each process starts the library afresh and shares only Redis.
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        answers = pool.starmap(fleet_member, [(emulator.url, redis.url)] * 8)
    tokens = {token for answer in answers for token in answer}
    assert sum(map(len, answers)) == 256 and len(tokens) == 1
    assert len(emulator.token_requests()) == 1


def test_a_bad_store_url_is_a_configuration_error():
    with pytest.raises(vipps_auth.VippsAuthError.Configuration):
        vipps_auth.RedisStore("not a url")

"""Tokens shared through a real Redis by separate Python processes: eight processes of 32
threads each, on a cold fleet, send one token request."""

from redis_server import RedisServer
import multiprocessing
import signal
import subprocess
import sys
import threading
import time

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator, MSN, SUBSCRIPTION_KEY


def fleet_member(emulator_url: str, redis_url: str) -> list[str]:
    """One process of the fleet: its own manager on the shared store, 32 threads asking."""
    # A generous timeout: on a loaded test machine a slow store rightly means fetching alone.
    store = vipps_auth.RedisStore(redis_url, timeout_ms=2000)
    manager = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment.custom(emulator_url)), store=store)
    keys = vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN)
    start, tokens = threading.Barrier(32), list[str]()

    def caller() -> None:
        start.wait()
        tokens.append(manager.access_token_blocking(keys).value)

    threads = [threading.Thread(target=caller) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tokens


def test_eight_processes_of_32_threads_on_a_cold_fleet_send_one_request(emulator: Emulator, redis: RedisServer) -> None:
    # Spawned, not forked: each process starts the library afresh and shares only Redis.
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        answers = pool.starmap(fleet_member, [(emulator.url, redis.url)] * 8)
    tokens = {token for answer in answers for token in answer}
    assert sum(map(len, answers)) == 256 and len(tokens) == 1
    assert len(emulator.token_requests()) == 1


def test_a_bad_store_url_is_a_configuration_error() -> None:
    with pytest.raises(vipps_auth.Configuration):
        vipps_auth.RedisStore("not a url")


HOLDER = """
import sys, vipps_auth
http = vipps_auth.HttpOptions(request_timeout_ms=2000, total_timeout_ms=2000, max_retries=0)
config = vipps_auth.Config(vipps_auth.Environment.custom(sys.argv[1]), http=http)
manager = vipps_auth.TokenManager(config, store=vipps_auth.RedisStore(sys.argv[2], timeout_ms=2000))
client_id, secret, key, msn = sys.argv[3:7]
manager.access_token_blocking(vipps_auth.Credentials(client_id, secret, key, msn=msn))
"""


def test_a_lease_holder_killed_mid_fetch_frees_the_lease_and_another_process_fetches(emulator: Emulator, redis: RedisServer) -> None:
    emulator.fault(path="/accesstoken/get", delay_ms=30_000)  # the holder's request hangs
    keys = [CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, MSN]
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, emulator.url, redis.url, *keys])
    deadline = time.monotonic() + 20
    while not redis.keys("vipps-auth:lease:*"):
        assert time.monotonic() < deadline and holder.poll() is None, "the holder never took the lease"
        time.sleep(0.01)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    emulator.reset()  # the hanging answer is for the holder only, had it not sent yet
    assert redis.keys("vipps-auth:lease:*"), "the lease outlives its holder until its TTL"
    # The lease lasts the holder's call budget and a second (3 s): this process waits it out.
    http = vipps_auth.HttpOptions(request_timeout_ms=2000, total_timeout_ms=2000, max_retries=0)
    config = vipps_auth.Config(vipps_auth.Environment.custom(emulator.url), http=http)
    manager = vipps_auth.TokenManager(config, store=vipps_auth.RedisStore(redis.url, timeout_ms=2000))
    began = time.monotonic()
    token = manager.access_token_blocking(vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN))
    assert token.value and 0.5 < time.monotonic() - began < 6
    # The emulator logs a request once answered: the killed holder's never was.
    assert len(emulator.token_requests()) == 1

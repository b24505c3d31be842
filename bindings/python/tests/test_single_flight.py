"""Concurrent callers on a cold cache share one request."""

import vipps_auth
from emulator import Emulator
import asyncio
import threading


def test_32_threads_on_a_cold_cache_send_one_request(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    start = threading.Barrier(32)
    tokens: list[str] = []

    def caller() -> None:
        start.wait()
        tokens.append(manager.access_token_blocking(merchant).value)

    threads = [threading.Thread(target=caller) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tokens) == 32 and len(set(tokens)) == 1
    assert len(emulator.token_requests()) == 1


def test_32_asyncio_tasks_on_a_cold_cache_send_one_request(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    async def callers() -> list[vipps_auth.AccessToken]:
        return await asyncio.gather(*(manager.access_token(merchant) for _ in range(32)))

    tokens = asyncio.run(callers())
    assert len({token.value for token in tokens}) == 1
    assert len(emulator.token_requests()) == 1


def test_a_cancelled_caller_leaves_the_shared_request_to_the_others(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    emulator.fault(path="/accesstoken/get", delay_ms=500)

    async def scenario() -> vipps_auth.AccessToken:
        quitter = asyncio.create_task(manager.access_token(merchant))
        stayer = asyncio.create_task(manager.access_token(merchant))
        await asyncio.sleep(0.1)
        quitter.cancel()
        token = await stayer
        assert quitter.cancelled()
        return token

    token = asyncio.run(scenario())
    assert manager.access_token_blocking(merchant) == token
    assert len(emulator.token_requests()) == 1

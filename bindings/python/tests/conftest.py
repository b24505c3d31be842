"""Fixtures: one emulator per test session (reset before each test), a fresh manager each test."""

from typing import Iterator
import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, MSN, SUBSCRIPTION_KEY, Emulator
from redis_server import RedisServer


@pytest.fixture(scope="session")
def _emulator() -> Iterator[Emulator]:
    emulator = Emulator()
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(_emulator: Emulator) -> Emulator:
    _emulator.reset()
    return _emulator


@pytest.fixture
def config(emulator: Emulator) -> vipps_auth.Config:
    return vipps_auth.Config(vipps_auth.Environment.custom(emulator.url))


@pytest.fixture
def manager(config: vipps_auth.Config) -> vipps_auth.TokenManager:
    return vipps_auth.TokenManager(config)


@pytest.fixture
def merchant() -> vipps_auth.Credentials:
    return vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN)


@pytest.fixture
def specialized() -> vipps_auth.Credentials:
    return vipps_auth.Credentials.specialized(CLIENT_ID, CLIENT_SECRET)


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    """A real redis-server of the test's own, stopped after it."""
    server = RedisServer()
    yield server
    server.stop()

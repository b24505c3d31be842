"""Fixtures: one emulator per test session (reset before each test), a fresh manager each test."""

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, MSN, SUBSCRIPTION_KEY, Emulator
from redis_server import RedisServer


@pytest.fixture(scope="session")
def _emulator():
    emulator = Emulator()
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(_emulator):
    _emulator.reset()
    return _emulator


@pytest.fixture
def config(emulator):
    return vipps_auth.Config(vipps_auth.Environment.custom(emulator.url))


@pytest.fixture
def manager(config):
    return vipps_auth.TokenManager(config)


@pytest.fixture
def merchant():
    return vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN)


@pytest.fixture
def specialized():
    return vipps_auth.Credentials.specialized(CLIENT_ID, CLIENT_SECRET)


@pytest.fixture
def redis():
    """A real redis-server of the test's own, stopped after it."""
    server = RedisServer()
    yield server
    server.stop()

"""What a newcomer runs into first: making the configuration, blocking calls inside asyncio,
loggers, typing."""

from emulator import Emulator
import asyncio
import importlib.resources

import pytest
import vipps_auth


def test_environments_are_made_by_name_and_checked_at_once() -> None:
    assert vipps_auth.Environment.test().base_url == "https://apitest.vipps.no"
    assert vipps_auth.Environment.production().base_url == "https://api.vipps.no"
    assert vipps_auth.Environment("test").base_url == "https://apitest.vipps.no"
    assert vipps_auth.Environment("http://127.0.0.1:8080/").base_url == "http://127.0.0.1:8080"
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Environment("staging")
    assert "test" in error.value.detail and "production" in error.value.detail
    with pytest.raises(vipps_auth.Configuration):
        vipps_auth.Environment.custom("http://vipps.example")


def test_an_environment_not_called_fails_where_it_is_written() -> None:
    with pytest.raises(TypeError):
        vipps_auth.Config(vipps_auth.Environment.test)  # type: ignore[arg-type]  # the mistake under test


def test_a_negative_setting_is_refused_naming_it() -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Config(vipps_auth.Environment.test(), http=vipps_auth.HttpOptions(max_retries=-1))
    assert "max_retries" in error.value.detail


def test_a_blocking_call_that_would_wait_inside_an_event_loop_raises(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    async def inside_the_loop() -> vipps_auth.AccessToken:
        return manager.access_token_blocking(merchant)

    with pytest.raises(vipps_auth.Configuration) as error:
        asyncio.run(inside_the_loop())
    assert error.value.code == 1 and "await manager.access_token" in error.value.hint
    assert emulator.token_requests() == [], "nothing was sent"


def test_a_blocking_call_inside_an_event_loop_is_served_from_the_cache(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    cached = manager.access_token_blocking(merchant)

    async def inside_the_loop() -> vipps_auth.AccessToken:
        return manager.access_token_blocking(merchant)

    assert asyncio.run(inside_the_loop()) == cached
    assert len(emulator.token_requests()) == 1


def test_any_object_with_a_log_method_is_a_logger(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    class PlainLogger:  # not a vipps_auth.Logger subclass
        def __init__(self) -> None:
            self.messages: list[str] = []

        def log(self, record: vipps_auth.LogRecord) -> None:
            self.messages.append(record.message)

    plain = PlainLogger()
    vipps_auth.set_logger(plain, vipps_auth.LogLevel.INFO)
    try:
        manager.access_token_blocking(merchant)
    finally:
        vipps_auth.set_logger(None, vipps_auth.LogLevel.INFO)
    assert any("new token" in m for m in plain.messages), plain.messages


def test_an_object_without_a_log_method_is_refused() -> None:
    with pytest.raises(TypeError, match="log"):
        vipps_auth.set_logger(object(), vipps_auth.LogLevel.INFO)  # type: ignore[arg-type]  # the mistake under test


def test_the_package_declares_its_types() -> None:
    assert importlib.resources.files("vipps_auth").joinpath("py.typed").is_file()

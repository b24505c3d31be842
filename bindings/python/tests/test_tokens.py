"""Machine access tokens from the emulator over real HTTP."""

from emulator import Emulator
import asyncio
from datetime import datetime, timedelta, timezone

import vipps_auth


def expires_in(token: vipps_auth.AccessToken) -> timedelta:
    return token.expires_at - datetime.now(timezone.utc)


def test_standard_token_is_fetched_then_cached(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    first = manager.access_token_blocking(merchant)
    second = manager.access_token_blocking(merchant)
    assert first.token_type == "Bearer"
    assert first.value.count(".") == 2, "a JWT"
    assert timedelta(minutes=55) < expires_in(first) <= timedelta(hours=1)
    assert second == first
    assert [r["path"] for r in emulator.token_requests()] == ["/accesstoken/get"]


def test_specialized_token_uses_its_own_endpoint(emulator: Emulator, manager: vipps_auth.TokenManager, specialized: vipps_auth.Credentials) -> None:
    token = manager.access_token_blocking(specialized)
    assert token.token_type == "Bearer"
    assert timedelta(minutes=14) < expires_in(token) <= timedelta(minutes=15)
    assert [r["path"] for r in emulator.token_requests()] == ["/miami/v1/token"]


def test_async_token(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    token = asyncio.run(manager.access_token(merchant))
    assert token == manager.access_token_blocking(merchant)
    assert len(emulator.token_requests()) == 1


def test_invalidate_fetches_anew(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    manager.access_token_blocking(merchant)
    manager.invalidate(merchant)
    manager.access_token_blocking(merchant)
    assert len(emulator.token_requests()) == 2


def test_system_info_and_msn_are_sent(emulator: Emulator, merchant: vipps_auth.Credentials) -> None:
    config = vipps_auth.Config(
        vipps_auth.Environment.custom(emulator.url),
        system_info=vipps_auth.SystemInfo(name="python-shop", version="2.1", plugin_name="vipps-auth-py"),
    )
    vipps_auth.TokenManager(config).access_token_blocking(merchant)
    headers = {k.lower(): v for k, v in emulator.token_requests()[0]["headers"].items()}
    assert headers["vipps-system-name"] == "python-shop"
    assert headers["vipps-system-version"] == "2.1"
    assert headers["vipps-system-plugin-name"] == "vipps-auth-py"
    assert headers["merchant-serial-number"] == "123456"


def test_manager_and_credentials_describe_themselves(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    assert emulator.url in str(manager)
    assert "client_id=emu-client-id" in str(merchant)
    assert vipps_auth.version().count(".") == 2

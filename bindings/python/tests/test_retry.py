"""Throttling and outages are retried; refusals are not."""

from emulator import Emulator
import pytest
import vipps_auth


def statuses(emulator: Emulator) -> list[int]:
    return [r["status"] for r in emulator.token_requests()]


def test_injected_503s_are_survived(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    emulator.fault(path="/accesstoken/get", count=2, status=503)
    assert manager.access_token_blocking(merchant).token_type == "Bearer"
    assert statuses(emulator) == [503, 503, 200]


def test_429_with_retry_after_is_waited_out(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    emulator.fault(path="/accesstoken/get", count=1, status=429, retry_after=1)
    manager.access_token_blocking(merchant)
    assert statuses(emulator) == [429, 200]


def test_a_wrong_secret_is_not_retried(emulator: Emulator, manager: vipps_auth.TokenManager) -> None:
    wrong = vipps_auth.Credentials("emu-client-id", "not-the-secret", "emu-subscription-key")
    with pytest.raises(vipps_auth.ServerRefused) as refused:
        manager.access_token_blocking(wrong)
    assert refused.value.status == 401 and refused.value.error == "invalid_client"
    assert statuses(emulator) == [401]

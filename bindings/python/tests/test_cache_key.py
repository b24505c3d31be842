"""The cache answers only the keys that earned the token: a wrong client_secret or
subscription key goes to the emulator and is refused there; a rotated secret works at once."""

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator, MSN, SUBSCRIPTION_KEY


def statuses(emulator: Emulator) -> list[int]:
    return [r["status"] for r in emulator.token_requests()]


def test_wrong_client_secret_is_refused_not_served_from_cache(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    manager.access_token_blocking(merchant)
    wrong = vipps_auth.Credentials(CLIENT_ID, "WRONG", SUBSCRIPTION_KEY, msn=MSN)
    with pytest.raises(vipps_auth.ServerRefused) as refused:
        manager.access_token_blocking(wrong)
    assert refused.value.error == "invalid_client"
    assert statuses(emulator) == [200, 401]


def test_wrong_subscription_key_is_refused_not_served_from_cache(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    manager.access_token_blocking(merchant)
    wrong = vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, "WRONG-SUB", msn=MSN)
    with pytest.raises(vipps_auth.ServerRefused):
        manager.access_token_blocking(wrong)
    assert statuses(emulator) == [200, 401]


def test_rotated_secret_works_at_once(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    old = manager.access_token_blocking(merchant)
    emulator.rotate_secret("emu-rotated-secret", "emu-rotated-key")
    rotated = vipps_auth.Credentials(CLIENT_ID, "emu-rotated-secret", "emu-rotated-key", msn=MSN)
    assert manager.access_token_blocking(rotated) != old
    assert statuses(emulator) == [200, 200]

"""The token cache's bound from Python, against the emulator's registered sales units: no
request for the merchants a bounded manager holds, and past the bound only the overflow
refetches."""

import pytest
import vipps_auth

from emulator import Emulator, SUBSCRIPTION_KEY

BOUND, MERCHANTS, FIRST_MSN = 20, 30, 100001


def unit(i: int) -> vipps_auth.Credentials:
    msn = FIRST_MSN + i
    return vipps_auth.Credentials(f"emu-client-id-{msn}", f"emu-client-secret-{msn}", SUBSCRIPTION_KEY, msn=str(msn))


def test_the_default_bound_holds_a_platform(manager: vipps_auth.TokenManager) -> None:
    assert manager.capacity >= 100_000


def test_a_bound_below_one_is_refused(config: vipps_auth.Config) -> None:
    for bound in (0, -1):
        with pytest.raises(vipps_auth.Configuration):
            vipps_auth.TokenManager.with_capacity(config, bound)


def test_past_the_bound_only_the_overflow_refetches(emulator: Emulator, config: vipps_auth.Config) -> None:
    emulator.add_merchants(MERCHANTS)
    manager = vipps_auth.TokenManager.with_capacity(config, BOUND)
    assert manager.capacity == BOUND
    units = [unit(i) for i in range(MERCHANTS)]

    def requests_for(batch: list[vipps_auth.Credentials]) -> int:
        before = len(emulator.token_requests())
        for keys in batch:
            manager.access_token_blocking(keys)
        return len(emulator.token_requests()) - before

    kept, overflow = units[:BOUND], units[BOUND:]
    assert requests_for(kept) == BOUND
    for _ in range(3):
        assert requests_for(kept) == 0, "a token in use was dropped for a newcomer"
        assert requests_for(overflow) == MERCHANTS - BOUND
        assert manager.cached_entries == BOUND

"""The shared token-response vectors (tests/vectors/), decoded as the Rust core does."""

from typing import Any
import json
import re
from datetime import datetime, timezone

import pytest
import vipps_auth

from emulator import REPO

CASES = json.loads((REPO / "tests" / "vectors" / "token_responses.json").read_text())["cases"]
CODES = {"configuration": 1, "network": 2, "server_refused": 3, "login_cancelled": 4,
         "state_mismatch": 5, "id_token_invalid": 6, "protocol": 7, "internal": 8}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: dict[str, Any]) -> None:
    sent_at = datetime.fromtimestamp(case["sent_at"], tz=timezone.utc)

    def decode() -> vipps_auth.AccessToken:
        return vipps_auth.decode_token_response(case["status"], case["body"].encode(), sent_at)

    if "expect" in case:
        token, expect = decode(), case["expect"]
        assert token.token_type == expect["token_type"]
        assert token.value == expect["access_token"]
        assert (token.expires_at - sent_at).total_seconds() == expect["lifetime_secs"]
        return
    expect = case["expect_error"]
    with pytest.raises(vipps_auth.VippsAuthError) as raised:
        decode()
    error = raised.value
    assert snake(type(error).__name__) == expect["code"]
    assert error.code == CODES[expect["code"]]
    if "status" in expect:
        assert isinstance(error, vipps_auth.ServerRefused)
        assert error.status == expect["status"]
        assert error.error == expect.get("error")
        assert expect["hint_contains"] in error.hint


def test_there_are_enough_vectors() -> None:
    assert len(CASES) >= 20

"""The hostile-server matrix's token part (tests/vectors/hostile_answers.json), from Python:
whatever the token endpoint or a proxy answers — numbers past any clock, junk headers, bodies
empty, nested, oversized, truncated, late or HTML, a dropped connection — a token request
ends in a token or a typed error (never INTERNAL) within its budget, and the next request to
a healthy server gets a token."""

from typing import Any
import json
import time

import pytest
import vipps_auth

from emulator import Emulator, REPO

VECTORS = json.loads((REPO / "tests" / "vectors" / "hostile_answers.json").read_text())
CALLS = VECTORS["calls"]
INTERNAL = 8


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["name"])
@pytest.mark.parametrize("path", ["/accesstoken/get", "/miami/v1/token"])
def test_a_hostile_token_answer_never_breaks_the_manager(emulator: Emulator, merchant: vipps_auth.Credentials, specialized: vipps_auth.Credentials, case: dict[str, Any], path: str) -> None:
    http = vipps_auth.HttpOptions(
        request_timeout_ms=CALLS["request_timeout_ms"],
        total_timeout_ms=CALLS["total_timeout_ms"],
        max_retries=CALLS["max_retries"],
    )
    manager = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment.custom(emulator.url), http=http))
    credentials = merchant if path == "/accesstoken/get" else specialized
    emulator.fault(path=path, count=CALLS["count"], **case["fault"])
    began = time.monotonic()
    try:
        manager.access_token_blocking(credentials)
    except vipps_auth.VippsAuthError as error:
        assert error.code != INTERNAL, error
    assert time.monotonic() - began < (CALLS["total_timeout_ms"] + 3000) / 1000
    emulator.reset()
    assert manager.access_token_blocking(credentials).token_type == "Bearer"


def test_the_matrix_has_its_cases() -> None:
    assert len(VECTORS["cases"]) >= 25

"""The shared app-URL vectors (tests/vectors/app_urls.json): what a phone app may be opened
with, read against its stored pending logins, through the same core as every language."""

from typing import Any
import json
from pathlib import Path

import pytest
import vipps_auth

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "tests" / "vectors" / "app_urls.json").read_text())
Outcome = vipps_auth.AppUrlOutcome


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["name"])
def test_app_urls(case: dict[str, Any]) -> None:
    outcome = vipps_auth.parse_app_url(case["url"], VECTORS["pending_logins"])
    match outcome:
        case Outcome.RESUME(state=state, resume_uri=resume_uri):
            assert ("resume", state, resume_uri) == (case["expect"], case["state"], case["resume_uri"])
        case Outcome.CODE(state=state, code=code):
            assert ("code", state, code) == (case["expect"], case["state"], case["code"])
            assert code not in str(outcome) and code not in repr(outcome)
        case Outcome.CANCELLED(state=state):
            assert ("cancelled", state) == (case["expect"], case["state"])
        case Outcome.FAILED(state=state, error=error):
            assert ("failed", state, error) == (case["expect"], case["state"], case["error"])
        case Outcome.NOT_OURS():
            assert case["expect"] == "not_ours"
        case _:
            raise AssertionError(f"an outcome of no known kind: {outcome!r}")


def test_an_unreadable_pending_login_is_an_error_but_a_stray_url_is_not() -> None:
    with pytest.raises(vipps_auth.Configuration):
        vipps_auth.parse_app_url("https://example.com/app/callback?code=c&state=s", ["not a pending login"])
    assert vipps_auth.parse_app_url("anything at all", []).is_NOT_OURS()

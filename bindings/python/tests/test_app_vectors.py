"""The shared app-URL vectors (tests/vectors/app_urls.json): what a phone app may be opened
with, read against its stored pending logins, through the same core as every language."""

import json
from pathlib import Path

import pytest
import vipps_auth

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "tests" / "vectors" / "app_urls.json").read_text())
KINDS = {"RESUME": "resume", "CODE": "code", "CANCELLED": "cancelled", "FAILED": "failed", "NOT_OURS": "not_ours"}


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda case: case["name"])
def test_app_urls(case):
    outcome = vipps_auth.parse_app_url(case["url"], VECTORS["pending_logins"])
    kind = next(name for attr, name in KINDS.items() if getattr(outcome, f"is_{attr}")())
    assert kind == case["expect"]
    if kind != "not_ours":
        assert outcome.state == case["state"]
    if kind == "code":
        assert outcome.code == case["code"] and outcome.code not in str(outcome) and outcome.code not in repr(outcome)
    if kind == "resume":
        assert outcome.resume_uri == case["resume_uri"]
    if kind == "failed":
        assert outcome.error == case["error"]


def test_an_unreadable_pending_login_is_an_error_but_a_stray_url_is_not():
    with pytest.raises(vipps_auth.VippsAuthError.Configuration):
        vipps_auth.parse_app_url("https://example.com/app/callback?code=c&state=s", ["not a pending login"])
    assert vipps_auth.parse_app_url("anything at all", []).is_NOT_OURS()

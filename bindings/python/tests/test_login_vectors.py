"""The shared Login vectors (tests/vectors/): callbacks.json, redirect_uris.json,
login_token_answers.json and id_tokens.json, through the same core as every other language."""

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import vipps_auth

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"
CODE_NAMES = {1: "configuration", 3: "server_refused", 5: "state_mismatch", 6: "id_token_invalid", 7: "protocol"}


def cases(name: str) -> Any:
    return json.loads((VECTORS / name).read_text())


def test_callbacks() -> None:
    for case in cases("callbacks.json")["cases"]:
        try:
            outcome = vipps_auth.parse_login_callback(case["input"])
        except vipps_auth.VippsAuthError as error:
            assert CODE_NAMES[error.code] == case["expect"], case["name"]
            continue
        match outcome:
            case vipps_auth.CallbackOutcome.CODE(state=state, code=code):
                assert ("code", state, code) == (case["expect"], case["state"], case["code"]), case["name"]
                assert code not in str(outcome), case["name"]
            case vipps_auth.CallbackOutcome.CANCELLED(state=state):
                assert ("cancelled", state) == (case["expect"], case["state"]), case["name"]
            case vipps_auth.CallbackOutcome.FAILED(state=state, error=failure):
                assert ("failed", state, failure) == (case["expect"], case["state"], case["error"]), case["name"]
            case _:
                raise AssertionError(f"an outcome of no known kind: {outcome!r}")


def test_redirect_uris() -> None:
    for case in cases("redirect_uris.json")["cases"]:
        if case["ok"]:
            vipps_auth.check_redirect_uri(case["uri"], case["production"])
        else:
            with pytest.raises(vipps_auth.Configuration) as error:
                vipps_auth.check_redirect_uri(case["uri"], case["production"])
            assert case["rule"] in error.value.detail, case["uri"]


def test_login_token_answers() -> None:
    for case in cases("login_token_answers.json")["cases"]:
        try:
            scope = vipps_auth.decode_login_token_answer(case["status"], case["body"].encode())
            got = "ok"
            assert scope == case.get("scope", scope), case["name"]
        except vipps_auth.VippsAuthError as error:
            got = CODE_NAMES[error.code]
            if "error" in case:
                assert isinstance(error, vipps_auth.ServerRefused) and error.error == case["error"], case["name"]
            if "hint" in case:
                assert case["hint"] in error.hint, case["name"]
        assert got == case["expect"], case["name"]


def test_id_tokens() -> None:
    file = cases("id_tokens.json")
    now = datetime.fromtimestamp(file["now"], tz=timezone.utc)
    for case in file["cases"]:
        msn = case.get("msn")
        try:
            vipps_auth.verify_id_token_offline(
                case["token"], json.dumps(file["jwks"]), file["issuer"], None if msn else file["client_id"], msn,
                file["nonce"], case.get("acr"), file["leeway"], now,
            )
            got = "ok"
        except vipps_auth.IdTokenInvalid as error:
            got = error.rule
        assert got == case["expect"], case["name"]
    assert len(file["cases"]) >= 30


def test_a_verifier_made_once_gives_the_claims() -> None:
    tokens = cases("id_tokens.json")
    verifier = vipps_auth.IdTokenVerifier(json.dumps(tokens["jwks"]), tokens["issuer"], tokens["client_id"], None, 60)
    now = datetime.fromtimestamp(tokens["now"], timezone.utc)
    valid = next(case for case in tokens["cases"] if case["name"] == "valid RS256")
    claims = verifier.verify(valid["token"], tokens["nonce"], None, now)
    assert claims.aud == [tokens["client_id"]] and claims.sub
    with pytest.raises(vipps_auth.IdTokenInvalid):
        verifier.verify(valid["token"], "another-nonce", None, now)

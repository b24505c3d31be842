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
            assert case.get("hint", "") in error.hint, case["name"]
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


def test_a_verifier_made_once_agrees_with_the_one_shot_check() -> None:
    file = cases("id_tokens.json")
    now = datetime.fromtimestamp(file["now"], tz=timezone.utc)
    jwks = json.dumps(file["jwks"])
    for case in file["cases"]:
        msn = case.get("msn")
        client_id = None if msn else file["client_id"]
        verifier = vipps_auth.IdTokenVerifier(jwks, file["issuer"], client_id, msn, file["leeway"])
        try:
            claims = verifier.verify(case["token"], file["nonce"], acr=case.get("acr"), now=now)
            got = "ok"
        except vipps_auth.IdTokenInvalid as error:
            got = error.rule
        assert got == case["expect"], case["name"]
        if got == "ok":  # the same claims as the generated call's, which the fast path skips
            generated = super(vipps_auth.IdTokenVerifier, verifier).verify(case["token"], file["nonce"], case.get("acr"), now)
            assert fields(claims) == fields(generated), case["name"]


def fields(claims: vipps_auth.IdTokenClaims) -> tuple[object, ...]:
    return (claims.sub, claims.iss, claims.aud, claims.exp, claims.iat, claims.auth_time, claims.acr, claims.msn,
            claims.sid, claims.other)


def test_a_verifier_answers_a_valid_token_without_the_generated_call(monkeypatch: pytest.MonkeyPatch) -> None:
    file = cases("id_tokens.json")
    verifier = vipps_auth.IdTokenVerifier(json.dumps(file["jwks"]), file["issuer"], file["client_id"])
    valid = next(case for case in file["cases"] if case["name"] == "valid RS256")
    now = datetime.fromtimestamp(file["now"], timezone.utc)

    def generated(*args: object) -> None:
        raise AssertionError("the slow path answered a valid token")

    monkeypatch.setattr(vipps_auth._generated.IdTokenVerifier, "verify", generated)
    assert verifier.verify(valid["token"], file["nonce"], now=now).sub


def test_a_verifier_refuses_what_a_c_string_would_cut_short() -> None:
    file = cases("id_tokens.json")
    verifier = vipps_auth.IdTokenVerifier(json.dumps(file["jwks"]), file["issuer"], file["client_id"])
    valid = next(case for case in file["cases"] if case["name"] == "valid RS256")
    now = datetime.fromtimestamp(file["now"], timezone.utc)
    assert verifier.verify(valid["token"], file["nonce"], now=now).sub
    with pytest.raises(vipps_auth.IdTokenInvalid):
        verifier.verify(valid["token"] + "\0trailing", file["nonce"], now=now)
    with pytest.raises(vipps_auth.IdTokenInvalid):
        verifier.verify(valid["token"], file["nonce"] + "\0", now=now)


def test_a_verifier_checks_at_the_current_time_by_default() -> None:
    file = cases("id_tokens.json")
    verifier = vipps_auth.IdTokenVerifier(json.dumps(file["jwks"]), file["issuer"], file["client_id"])
    valid = next(case for case in file["cases"] if case["name"] == "valid RS256")
    with pytest.raises(vipps_auth.IdTokenInvalid) as by_default:  # the vectors' clock is not today's
        verifier.verify(valid["token"], file["nonce"])
    with pytest.raises(vipps_auth.IdTokenInvalid) as today:
        verifier.verify(valid["token"], file["nonce"], now=datetime.now(timezone.utc))
    assert by_default.value.rule == today.value.rule

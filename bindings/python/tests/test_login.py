"""Login from Python against the emulator: the whole browser login (authorize, the browser's
302, complete), cancelling, the ID-token rules the emulator can break, userinfo, the async
API, app-to-app handoffs, and text forms that never show a secret."""

from typing import Any
import asyncio

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator, MSN
from outcomes import completed, userinfo

REDIRECT_URI = "https://example.com/app/callback"
KARI = "c0ffee00-4712-4345-8678-e00000000001"


@pytest.fixture
def login(config: vipps_auth.Config) -> vipps_auth.LoginClient:
    return vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET)


def request(**more: Any) -> vipps_auth.AuthorizeRequest:
    return vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name email phoneNumber", **more)


def test_a_browser_login_gives_verified_claims_and_userinfo(emulator: Emulator, login: vipps_auth.LoginClient) -> None:
    emulator.tamper_id_token(claims={"phone_number": "4712345678"})  # user data in the ID token, as since 2025
    authorization = login.authorize_blocking(request())
    assert authorization.url.startswith(f"{emulator.url}/access-management-1.0/access/oauth2/auth?")
    pending = vipps_auth.PendingLogin.restore(authorization.pending.serialize())  # kept server-side
    result = login.complete_blocking(pending, emulator.follow(authorization.url), True)
    assert result.is_COMPLETED()
    done = completed(result)
    assert done.claims.sub == KARI and done.claims.aud == [CLIENT_ID]
    assert done.claims.other["phone_number"] == '"4712345678"' and "4712345678" not in str(done.claims)
    info = userinfo(result)
    assert (info.name, info.email_verified, info.phone_number) == ("Kari Nordmann", True, "4712345678")
    assert login.userinfo_blocking(done.access_token).given_name == "Kari"
    for shown in (str(done), repr(done), str(pending), repr(pending), str(authorization), str(info)):
        assert done.access_token not in shown and pending.state not in shown and "Nordmann" not in shown


def test_a_cancelled_login_is_an_outcome_and_a_replay_is_refused(emulator: Emulator, login: vipps_auth.LoginClient) -> None:
    authorization = login.authorize_blocking(request())
    result = login.complete_blocking(authorization.pending, emulator.consent(authorization.url, "cancel"), False)
    assert result.is_CANCELLED()
    with pytest.raises(vipps_auth.StateMismatch) as error:
        login.complete_blocking(authorization.pending, emulator.consent(authorization.url, "accept"), False)
    assert error.value.code == 5


@pytest.mark.parametrize(
    "tampering, rule",
    [
        ({"signing": "none"}, "algorithm"),
        ({"signing": "hs256_public_key"}, "algorithm"),
        ({"signing": "corrupt"}, "signature"),
        ({"signing": "unknown_key"}, "unknown_key"),
        ({"claims": {"iss": "https://evil.example/"}}, "issuer"),
        ({"claims": {"aud": ["someone-else"]}}, "audience"),
        ({"claims": {"exp": 1_000_000_000}}, "expired"),
        ({"claims": {"iat": 4_000_000_000}}, "issued_in_future"),
        ({"claims": {"nonce": "another-logins-nonce"}}, "nonce"),
        ({"claims": {"sub": None}}, "subject"),
    ],
)
def test_every_id_token_rule_the_emulator_can_break_is_its_own_error(emulator: Emulator, login: vipps_auth.LoginClient, tampering: dict[str, Any], rule: str) -> None:
    emulator.tamper_id_token(**tampering)
    authorization = login.authorize_blocking(request())
    with pytest.raises(vipps_auth.IdTokenInvalid) as error:
        login.complete_blocking(authorization.pending, emulator.follow(authorization.url), False)
    assert (error.value.code, error.value.rule) == (6, rule)


def test_the_async_api_completes_a_login(emulator: Emulator, login: vipps_auth.LoginClient) -> None:
    async def log_in() -> vipps_auth.LoginResult:
        authorization = await login.authorize(request())
        callback = await asyncio.to_thread(emulator.follow, authorization.url)
        return await login.complete(authorization.pending, callback, True)

    assert userinfo(asyncio.run(log_in())).name == "Kari Nordmann"


def test_partners_and_client_secret_post_log_in(emulator: Emulator, config: vipps_auth.Config) -> None:
    partner = vipps_auth.Credentials("emu-partner-client-id", "emu-partner-client-secret",
                                     "emu-partner-subscription-key", msn=MSN)
    for client in (vipps_auth.LoginClient.partner(config, partner),
                   vipps_auth.LoginClient.client_secret_post(config, "emu-post-client-id", "emu-post-client-secret")):
        authorization = client.authorize_blocking(request())
        assert client.complete_blocking(authorization.pending, emulator.follow(authorization.url), False).is_COMPLETED()
    assert "msn=123456" in vipps_auth.LoginClient.partner(config, partner).authorize_blocking(request()).url


def test_bad_input_is_refused_before_anything_is_sent(emulator: Emulator, login: vipps_auth.LoginClient) -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        login.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri="myapp://"))
    assert "custom scheme needs a path" in error.value.detail
    with pytest.raises(vipps_auth.Configuration):
        vipps_auth.PendingLogin.restore("not a pending login")
    assert emulator.token_requests() == []


def test_an_app_login_is_finished_from_the_phones_handoff(emulator: Emulator, login: vipps_auth.LoginClient) -> None:
    app_callback = "com.example.app://callback"
    authorization = login.authorize_blocking(request(app_flow=vipps_auth.AppFlow.APP_TO_APP(app_callback)))
    assert len(authorization.warnings) == 1 and "custom scheme" in authorization.warnings[0]
    stored = [authorization.pending.serialize()]
    opened = vipps_auth.parse_app_url(emulator.follow(authorization.url), stored)
    assert isinstance(opened, vipps_auth.AppUrlOutcome.RESUME)
    opened = vipps_auth.parse_app_url(emulator.follow(opened.resume_uri), stored)
    assert isinstance(opened, vipps_auth.AppUrlOutcome.CODE)
    handoff = vipps_auth.code_handoff(opened.code, opened.state)
    result = login.complete_handoff_blocking(handoff, authorization.pending, False)
    assert completed(result).claims.sub == KARI

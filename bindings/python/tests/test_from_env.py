"""Configuration from the environment: VIPPS_ENV and the keys, read as the CLI reads them,
with the same messages naming the variable and what to set."""

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator, MSN, SUBSCRIPTION_KEY

KEYS = {"VIPPS_CLIENT_ID": CLIENT_ID, "VIPPS_CLIENT_SECRET": CLIENT_SECRET, "VIPPS_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY}


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("VIPPS_ENV", "VIPPS_MSN", "VIPPS_LOGIN_AUTH", *KEYS):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_config_and_keys_from_the_environment_get_a_token(environ: pytest.MonkeyPatch, emulator: Emulator) -> None:
    environ.setenv("VIPPS_ENV", emulator.url)
    for name, value in {**KEYS, "VIPPS_MSN": MSN}.items():
        environ.setenv(name, value)
    keys = vipps_auth.Credentials.from_env()
    assert keys.msn == MSN
    token = vipps_auth.TokenManager(vipps_auth.Config.from_env()).access_token_blocking(keys)
    assert token.value and [r["path"] for r in emulator.token_requests()] == ["/accesstoken/get"]


def test_a_missing_environment_says_what_to_set(environ: pytest.MonkeyPatch) -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Config.from_env()
    assert "VIPPS_ENV" in error.value.detail and "`test`, `production`" in error.value.detail


@pytest.mark.parametrize("alias", ["prod", "mt", "Production", "staging"])
def test_only_test_production_or_a_url_is_an_environment(environ: pytest.MonkeyPatch, alias: str) -> None:
    environ.setenv("VIPPS_ENV", alias)
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Config.from_env()
    assert "expected `test`, `production` or a base URL" in error.value.detail


@pytest.mark.parametrize("missing", list(KEYS))
def test_each_missing_key_is_named(environ: pytest.MonkeyPatch, missing: str) -> None:
    for name, value in KEYS.items():
        if name != missing:
            environ.setenv(name, value)
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Credentials.from_env()
    assert missing in error.value.detail and CLIENT_SECRET not in str(error.value)


def test_a_login_client_from_the_environment_logs_in(environ: pytest.MonkeyPatch, emulator: Emulator) -> None:
    environ.setenv("VIPPS_CLIENT_ID", CLIENT_ID)
    environ.setenv("VIPPS_CLIENT_SECRET", CLIENT_SECRET)
    login = vipps_auth.LoginClient.from_env(vipps_auth.Config(vipps_auth.Environment.custom(emulator.url)))
    assert isinstance(login, vipps_auth.LoginClient)
    authorization = login.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/app/callback"))
    result = login.complete_blocking(authorization.pending, emulator.follow(authorization.url), with_userinfo=False)
    assert isinstance(result, vipps_auth.LoginResult.COMPLETED)


@pytest.mark.parametrize("missing", ["VIPPS_CLIENT_ID", "VIPPS_CLIENT_SECRET"])
def test_a_login_client_names_a_missing_key(environ: pytest.MonkeyPatch, missing: str) -> None:
    environ.setenv("VIPPS_CLIENT_ID" if missing == "VIPPS_CLIENT_SECRET" else "VIPPS_CLIENT_SECRET", "x")
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.LoginClient.from_env(vipps_auth.Config(vipps_auth.Environment.test()))
    assert f"{missing}: not set; copy it from" in error.value.detail


def test_a_login_client_refuses_an_unknown_way_to_send_keys(environ: pytest.MonkeyPatch) -> None:
    for name, value in {**KEYS, "VIPPS_LOGIN_AUTH": "private_key_jwt"}.items():
        environ.setenv(name, value)
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.LoginClient.from_env(vipps_auth.Config(vipps_auth.Environment.test()))
    assert "`basic` (the default), `post` or `partner`" in error.value.detail

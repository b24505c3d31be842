"""Every error kind arrives as a typed exception with its stable code and a hint, and no
exception, repr or log line carries a secret."""

import socket
from typing import Any

import pytest
import vipps_auth

from emulator import CLIENT_SECRET, Emulator, SUBSCRIPTION_KEY

SECRETS = (CLIENT_SECRET, SUBSCRIPTION_KEY, "not-the-secret", "wrong-subscription-key")


def custom(url: str, **http: Any) -> vipps_auth.Config:
    options = vipps_auth.HttpOptions(**http)
    return vipps_auth.Config(vipps_auth.Environment.custom(url), http=options)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, text


def test_bad_msn_is_a_configuration_error_naming_the_field() -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.Credentials("id", CLIENT_SECRET, SUBSCRIPTION_KEY, msn="12ab")
    assert error.value.code == 1 and "msn" in error.value.detail and error.value.hint


def test_plain_http_off_loopback_is_refused_before_any_request() -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.TokenManager(custom("http://vipps.example"))
    assert error.value.code == 1


def test_zero_timeout_is_refused() -> None:
    with pytest.raises(vipps_auth.Configuration) as error:
        vipps_auth.TokenManager(custom("http://127.0.0.1:1", connect_timeout_ms=0))
    assert "connect_timeout" in error.value.detail


def test_nobody_listening_is_a_network_error(merchant: vipps_auth.Credentials) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    manager = vipps_auth.TokenManager(custom(f"http://127.0.0.1:{port}", max_retries=0))
    with pytest.raises(vipps_auth.Network) as error:
        manager.access_token_blocking(merchant)
    assert error.value.code == 2 and not error.value.timed_out and error.value.hint


def test_a_slow_answer_is_a_timeout(emulator: Emulator, merchant: vipps_auth.Credentials) -> None:
    emulator.fault(path="/accesstoken/get", count=1, status=200, delay_ms=2000)
    manager = vipps_auth.TokenManager(custom(emulator.url, request_timeout_ms=200, max_retries=0))
    with pytest.raises(vipps_auth.Network) as error:
        manager.access_token_blocking(merchant)
    assert error.value.timed_out


def test_wrong_subscription_key_is_refused_with_a_hint(manager: vipps_auth.TokenManager) -> None:
    keys = vipps_auth.Credentials("emu-client-id", CLIENT_SECRET, "wrong-subscription-key")
    with pytest.raises(vipps_auth.ServerRefused) as error:
        manager.access_token_blocking(keys)
    refused = error.value
    assert (refused.code, refused.status) == (3, 401)
    assert "subscription key" in refused.hint.lower()
    assert_no_secret(str(refused), repr(refused), refused.detail, refused.description or "")


# A variant's own fields are typed: `mypy --strict` (in the suite) fails on these when one
# is Any (warn_return_any).
def refused_status(error: vipps_auth.ServerRefused) -> int:
    return error.status


def refused_error(error: vipps_auth.ServerRefused) -> str | None:
    return error.error


def test_a_refusal_has_typed_fields(manager: vipps_auth.TokenManager) -> None:
    keys = vipps_auth.Credentials("emu-client-id", "not-the-secret", SUBSCRIPTION_KEY)
    with pytest.raises(vipps_auth.ServerRefused) as error:
        manager.access_token_blocking(keys)
    assert (refused_status(error.value), refused_error(error.value)) == (401, "invalid_client")


def test_wrong_secret_never_shows_in_the_exception(manager: vipps_auth.TokenManager) -> None:
    keys = vipps_auth.Credentials("emu-client-id", "not-the-secret", SUBSCRIPTION_KEY)
    with pytest.raises(vipps_auth.VippsAuthError) as error:
        manager.access_token_blocking(keys)
    assert_no_secret(str(error.value), repr(error.value), str(keys), repr(keys))


def test_an_html_page_is_a_protocol_error(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    emulator.fault(path="/accesstoken/get", count=1, status=200, body="<html>gateway login</html>")
    with pytest.raises(vipps_auth.Protocol) as error:
        manager.access_token_blocking(merchant)
    assert error.value.code == 7 and error.value.hint


def test_tokens_do_not_show_their_value(manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    token = manager.access_token_blocking(merchant)
    assert token.value not in str(token) and token.value not in repr(token)
    assert "Bearer" in str(token)
    assert_no_secret(str(merchant), repr(merchant), str(manager), repr(manager))


def test_all_errors_share_one_base_class() -> None:
    assert issubclass(vipps_auth.ServerRefused, vipps_auth.VippsAuthError)
    assert issubclass(vipps_auth.Internal, Exception)


def test_a_proxy_password_is_not_shown() -> None:
    proxy = vipps_auth.Proxy.URL(url="http://user:pr0xy-pass@proxy.example:3128")
    config = custom("https://vipps.example", proxy=proxy)
    for text in (str(proxy), repr(proxy), str(config), repr(config)):
        assert "pr0xy-pass" not in text, text

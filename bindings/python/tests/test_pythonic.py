"""The package reads like Python: errors named and printed for people, data as properties,
readable and redacted reprs, real defaults in signatures."""

import inspect
import traceback

import pytest
import vipps_auth

from emulator import CLIENT_ID, Emulator

ERRORS = ("Configuration", "Network", "ServerRefused", "LoginCancelled", "StateMismatch", "IdTokenInvalid",
          "Protocol", "Internal", "LoginFailed", "PhoneLoginRefused", "LoginExpired", "StoreUnavailable")


def test_every_error_is_importable_from_the_package_and_named_there() -> None:
    # Every variant the core has: a new one fails here until it is imported and in __all__.
    assert {variant.__name__ for variant in vipps_auth.VippsAuthError.__subclasses__()} == set(ERRORS)
    for name in ERRORS:
        error = getattr(vipps_auth, name)
        assert issubclass(error, vipps_auth.VippsAuthError) and error is getattr(vipps_auth.VippsAuthError, name)
        assert f"{error.__module__}.{error.__qualname__}" == f"vipps_auth.{name}"
        assert name in vipps_auth.__all__


def test_an_error_prints_as_a_sentence_and_its_traceback_names_the_class_users_catch(
        emulator: Emulator, manager: vipps_auth.TokenManager) -> None:
    wrong = vipps_auth.Credentials(CLIENT_ID, "not-the-secret", "emu-subscription-key")
    with pytest.raises(vipps_auth.ServerRefused) as refused:
        manager.access_token_blocking(wrong)
    error = refused.value
    assert str(error) == f"{error.detail} (hint: {error.hint})"
    assert "HTTP 401 invalid_client" in str(error) and "code=" not in str(error)
    assert repr(error) == f"ServerRefused({str(error)!r})"
    shown = "".join(traceback.format_exception_only(type(error), error))
    assert shown.startswith("vipps_auth.ServerRefused: Vipps refused the request: HTTP 401") and "_generated" not in shown


def test_data_are_properties(config: vipps_auth.Config) -> None:
    login = vipps_auth.LoginClient(config, CLIENT_ID, "emu-client-secret")
    authorization = login.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/app/callback"))
    pending = authorization.pending
    assert isinstance(authorization.url, str) and isinstance(pending.state, str) and pending.state in authorization.url
    assert pending.redirect_uri == "https://example.com/app/callback" and pending.msn is None
    assert pending.is_expired is False
    assert isinstance(vipps_auth.PhoneNumber.parse("+47 123 45 678").masked, str)
    assert callable(pending.serialize), "a call that does work stays a method"


def test_every_value_has_a_readable_redacted_repr(config: vipps_auth.Config) -> None:
    login = vipps_auth.LoginClient(config, CLIENT_ID, "emu-client-secret")
    authorization = login.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/app/callback"))
    values = [authorization, authorization.pending, vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/cb"),
              vipps_auth.HttpOptions(), vipps_auth.LoginResult.CANCELLED(description=None),
              vipps_auth.AppFlow.APP_TO_APP(app_callback_uri="com.example.app://cb"), vipps_auth.Address(street_address="Robert Levins gate 5",
              postal_code="0154", region="Oslo", country="NO", formatted=None, address_type=None, is_default=None)]
    for value in values:
        shown = repr(value)
        assert " object at 0x" not in shown and "_generated" not in shown, shown
        assert shown.startswith(type(value).__name__.split(".")[0]), shown
    assert authorization.pending.state not in repr(authorization) + repr(authorization.pending)
    assert "Levins" not in repr(values[-1]) and "0154" not in str(values[-1])


def test_optional_arguments_default_to_none_not_to_a_sentinel() -> None:
    for function in (vipps_auth.Config.__init__, vipps_auth.Credentials.__init__, vipps_auth.RedisStore.__init__,
                     vipps_auth.PhoneLoginRequest.__init__, vipps_auth.AuthorizeRequest.__init__):
        for parameter in inspect.signature(function).parameters.values():
            assert "object" not in str(parameter.annotation), (function, parameter)
            assert parameter.default is inspect.Parameter.empty or parameter.default is None or \
                isinstance(parameter.default, (str, bool, int)), (function, parameter)
    assert "<object object" not in str(inspect.signature(vipps_auth.Config))

"""Vipps MobilePay authentication: cached machine access tokens, Login and login from phone
number, from one Rust core.

The classes come from the generated bindings underneath; this file adds only Python idiom:
errors named and printed as Python users expect (``vipps_auth.ServerRefused``, ``str(e)`` a
sentence), a readable, redacted ``repr`` for every value, a blocking call never freezes a
running asyncio event loop, ID tokens are verified without the generated
conversions (``_id_tokens``), any object with a ``log(record)`` method can be the logger, and
``TokenSource`` answers a cached get in Python without calling into the library.
"""

from __future__ import annotations

import asyncio as _asyncio
import itertools as _itertools
import threading as _threading
from time import monotonic as _monotonic
from typing import Any as _Any, Optional as _Optional, Protocol as _Protocol, Tuple as _Tuple
from typing import Type as _Type, TypeVar as _TypeVar

from ._generated import vipps_auth as _generated
from ._generated.vipps_auth import (
    AccessToken as AccessToken,
    Address as Address,
    AppFlow as AppFlow,
    AppLinkFiles as AppLinkFiles,
    AppLinksReport as AppLinksReport,
    AppUrlOutcome as AppUrlOutcome,
    Authorization as Authorization,
    AuthorizeRequest as AuthorizeRequest,
    CallbackOutcome as CallbackOutcome,
    CompletedLogin as CompletedLogin,
    Config as Config,
    Credentials as Credentials,
    Environment as Environment,
    FreshToken as FreshToken,
    HttpOptions as HttpOptions,
    IdTokenClaims as IdTokenClaims,
    LogLevel as LogLevel,
    LogRecord as LogRecord,
    Logger as Logger,
    LoginResult as LoginResult,
    MetricFamily as MetricFamily,
    MetricSample as MetricSample,
    MetricsSnapshot as MetricsSnapshot,
    PendingLogin as PendingLogin,
    PhoneLogin as PhoneLogin,
    PhoneLoginListener as PhoneLoginListener,
    PhoneLoginProgress as PhoneLoginProgress,
    PhoneLoginRequest as PhoneLoginRequest,
    PhoneLoginResult as PhoneLoginResult,
    PhoneLoginStatus as PhoneLoginStatus,
    PhoneNumber as PhoneNumber,
    Proxy as Proxy,
    RedisStore as RedisStore,
    SystemInfo as SystemInfo,
    UserInfo as UserInfo,
    app_link_files as app_link_files,
    authorize_on_device as authorize_on_device,
    check_app_links as check_app_links,
    check_binding_message as check_binding_message,
    check_redirect_uri as check_redirect_uri,
    code_handoff as code_handoff,
    code_handoff_from_device as code_handoff_from_device,
    decode_login_token_answer as decode_login_token_answer,
    decode_token_response as decode_token_response,
    generate_binding_message as generate_binding_message,
    parse_app_url as parse_app_url,
    parse_login_callback as parse_login_callback,
    parse_phone_login_ping as parse_phone_login_ping,
    verify_id_token_offline as verify_id_token_offline,
    version as version,
)
from ._id_tokens import IdTokenVerifier as IdTokenVerifier
from ._generated.vipps_auth import (  # the error variants, as Python users name them
    VippsAuthError as VippsAuthError,
    Configuration as Configuration,
    Network as Network,
    ServerRefused as ServerRefused,
    LoginCancelled as LoginCancelled,
    StateMismatch as StateMismatch,
    IdTokenInvalid as IdTokenInvalid,
    Protocol as Protocol,
    Internal as Internal,
    LoginFailed as LoginFailed,
    PhoneLoginRefused as PhoneLoginRefused,
    LoginExpired as LoginExpired,
    StoreUnavailable as StoreUnavailable,
)

# Every variant, found rather than listed, so that one added to the core is named and printed
# like the rest even before it is imported above.
_ERRORS: _Tuple[_Type[VippsAuthError], ...] = tuple(
    value for value in vars(_generated).values()
    if isinstance(value, type) and issubclass(value, VippsAuthError) and value is not VippsAuthError
)

__all__ = [
    "AccessToken",
    "Address",
    "AppFlow",
    "AppLinkFiles",
    "AppLinksReport",
    "AppUrlOutcome",
    "Authorization",
    "AuthorizeRequest",
    "CallbackOutcome",
    "CompletedLogin",
    "Config",
    "Configuration",
    "Credentials",
    "Environment",
    "FreshToken",
    "HttpOptions",
    "IdTokenClaims",
    "IdTokenInvalid",
    "IdTokenVerifier",
    "Internal",
    "LogLevel",
    "LogRecord",
    "Logger",
    "LoginCancelled",
    "LoginClient",
    "LoginExpired",
    "LoginFailed",
    "LoginResult",
    "MetricFamily",
    "MetricSample",
    "MetricsSnapshot",
    "Network",
    "PendingLogin",
    "PhoneLogin",
    "PhoneLoginListener",
    "PhoneLoginProgress",
    "PhoneLoginRefused",
    "PhoneLoginRequest",
    "PhoneLoginResult",
    "PhoneLoginStatus",
    "PhoneNumber",
    "Protocol",
    "Proxy",
    "RedisStore",
    "ServerRefused",
    "StateMismatch",
    "StoreUnavailable",
    "SystemInfo",
    "TokenManager",
    "TokenSource",
    "UserInfo",
    "VippsAuthError",
    "app_link_files",
    "authorize_on_device",
    "check_app_links",
    "check_binding_message",
    "check_redirect_uri",
    "code_handoff",
    "code_handoff_from_device",
    "decode_login_token_answer",
    "decode_token_response",
    "generate_binding_message",
    "metrics",
    "metrics_prometheus",
    "parse_app_url",
    "parse_login_callback",
    "parse_phone_login_ping",
    "set_logger",
    "verify_id_token_offline",
    "version",
]


def _error_str(error: VippsAuthError) -> str:
    return f"{error.detail} (hint: {error.hint})"


def _error_repr(error: VippsAuthError) -> str:
    return f"{type(error).__name__}({_error_str(error)!r})"


def _named_here(error: _Type[VippsAuthError]) -> None:
    """Tracebacks and reprs name the class users catch (`vipps_auth.ServerRefused: HTTP 401 ...`)."""
    error.__module__ = __name__
    error.__qualname__ = error.__name__


_named_here(VippsAuthError)
VippsAuthError.__str__ = _error_str  # type: ignore[method-assign,assignment]
for _error in _ERRORS:
    _named_here(_error)
    _error.__repr__ = _error_repr  # type: ignore[method-assign,assignment]


def _readable_reprs() -> None:
    """Records print as their text form (redacted where it holds a secret or personal data)
    rather than as `<... object at 0x...>`."""
    classes: list[_Any] = [value for value in vars(_generated).values() if isinstance(value, type)]
    classes += [variant for enum in list(classes) for variant in vars(enum).values()
                if isinstance(variant, type) and issubclass(variant, enum)]
    for cls in classes:
        made = cls.__repr__ is object.__repr__ or hasattr(cls.__repr__, "__wrapped__")  # by @dataclass
        if made and cls.__str__ is not object.__str__:
            cls.__repr__ = cls.__str__


_readable_reprs()

# The stable public code of configuration errors (the README's table, the C ABI's status).
_CONFIGURATION = 1


# Where the SDK's names in a shared store start, unless told otherwise.
_STORE_PREFIX = "vipps-auth:"


class TokenManager(_generated.TokenManager):
    """Fetches and caches machine access tokens for one environment.

    ``TokenManager(config, store=vipps_auth.RedisStore("redis://..."))`` shares them with
    every process of the fleet that uses the same keys: one token request per credential
    per refresh, fleet-wide.
    """

    def __new__(cls, config: _Optional[Config] = None, *, store: _Optional[RedisStore] = None,
                prefix: str = _STORE_PREFIX) -> TokenManager:
        # The generated constructors make instances with `cls.__new__(cls)`: no arguments.
        if store is None or config is None:
            return object.__new__(cls)
        return _adopt(cls, _generated.TokenManager.with_store(config, store, prefix))

    def __init__(self, config: Config, *, store: _Optional[RedisStore] = None,
                 prefix: str = _STORE_PREFIX) -> None:
        if store is None:  # with a store, `__new__` made it whole
            super().__init__(config)

    @classmethod
    def with_capacity(cls, config: Config, capacity: int) -> TokenManager:
        return _adopt(cls, _generated.TokenManager.with_capacity(config, capacity))

    def access_token_blocking(self, credentials: Credentials) -> AccessToken:
        """A valid token, blocking the calling thread until Vipps answers if need be.

        A cached token is served anywhere. A call that would wait for Vipps from a thread
        running an asyncio event loop raises ``VippsAuthError.Configuration`` instead of
        freezing the loop: use ``await manager.access_token(credentials)`` there.
        """
        token = self.cached_access_token(credentials)
        if token is not None:
            return token
        _refuse_in_event_loop("manager.access_token(credentials)")
        return super().access_token_blocking(credentials)


class LoginClient(_generated.LoginClient):
    """Login for one sales unit (or a partner acting for one) in one environment.

    ``LoginClient(config, client_id, client_secret, store=vipps_auth.RedisStore("redis://..."))``
    keeps pending logins in the store: ``authorize`` puts each there and
    ``complete_stored(callback, with_userinfo)`` takes it by the callback's state, once across
    the fleet.
    """

    def __new__(cls, config: _Optional[Config] = None, client_id: _Optional[str] = None,
                client_secret: _Optional[str] = None, *, store: _Optional[RedisStore] = None,
                prefix: str = _STORE_PREFIX) -> LoginClient:
        # The generated constructors make instances with `cls.__new__(cls)`: no arguments.
        if store is None or config is None or client_id is None or client_secret is None:
            return object.__new__(cls)
        plain = _generated.LoginClient(config, client_id, client_secret)
        return _adopt(cls, plain.with_store(store, prefix))

    def __init__(self, config: Config, client_id: str, client_secret: str, *,
                 store: _Optional[RedisStore] = None, prefix: str = _STORE_PREFIX) -> None:
        if store is None:  # with a store, `__new__` made it whole
            super().__init__(config, client_id, client_secret)

    @classmethod
    def from_env(cls, config: Config) -> LoginClient:
        """Keys from ``VIPPS_CLIENT_ID`` and ``VIPPS_CLIENT_SECRET``, sent as ``VIPPS_LOGIN_AUTH``
        says (``basic``, the default, ``post`` or ``partner``); a missing one raises
        ``Configuration`` naming it."""
        return _adopt(cls, _generated.LoginClient.from_env(config))

    @classmethod
    def partner(cls, config: Config, keys: Credentials) -> LoginClient:
        return _adopt(cls, _generated.LoginClient.partner(config, keys))

    @classmethod
    def client_secret_post(cls, config: Config, client_id: str, client_secret: str) -> LoginClient:
        return _adopt(cls, _generated.LoginClient.client_secret_post(config, client_id, client_secret))

    def with_store(self, store: RedisStore, prefix: str = _STORE_PREFIX) -> LoginClient:
        return _adopt(type(self), super().with_store(store, prefix))


class _Handle(_Protocol):
    def _uniffi_clone_handle(self) -> int: ...


_Core = _TypeVar("_Core")


def _adopt(cls: _Type[_Core], core: _Handle) -> _Core:
    """An instance of `cls` (a subclass here) holding its own reference to `core`'s object."""
    return cls._uniffi_make_instance(core._uniffi_clone_handle())  # type: ignore[attr-defined,no-any-return]


class TokenSource:
    """The fast way to ask for a token for one set of keys, again and again.

    The manager's answer comes with how long the token stays fresh; until then the source
    hands out that same token from Python, without a call into the library. After that, or
    after ``invalidate``, it asks the manager, which still owns staleness, background
    refresh, single flight and expiry. Thread-safe: the remembered answer is one immutable
    tuple, read without a lock and replaced whole (under a lock only on a miss).
    """

    __slots__ = ("manager", "credentials", "_memo", "_lock")

    def __init__(self, manager: _generated.TokenManager, credentials: Credentials) -> None:
        self.manager = manager
        self.credentials = credentials
        self._memo = _forgotten()  # (token, fresh-until on the monotonic clock, ...)
        self._lock = _threading.Lock()

    def access_token_blocking(self) -> AccessToken:
        memo = self._memo
        if _monotonic() < memo[1]:
            next(_source_hits)
            return memo[0]  # type: ignore[return-value]  # fresh-until > 0: a token
        if self.manager.cached_access_token(self.credentials) is None:
            _refuse_in_event_loop("source.access_token()")
        return self._remember(memo, self.manager.fresh_access_token_blocking(self.credentials))

    async def access_token(self) -> AccessToken:
        memo = self._memo
        if _monotonic() < memo[1]:
            next(_source_hits)
            return memo[0]  # type: ignore[return-value]  # fresh-until > 0: a token
        return self._remember(memo, await self.manager.fresh_access_token(self.credentials))

    def invalidate(self) -> None:
        """After Vipps refused the token with 401: forget it here and in the manager."""
        with self._lock:
            self._memo = _forgotten()  # a new object: an answer asked for before this is not kept
        self.manager.invalidate(self.credentials)

    def _remember(self, seen: _Memo, fresh: FreshToken) -> AccessToken:
        if fresh.fresh_for_ms > 0:
            memo: _Memo = (fresh.token, _monotonic() + fresh.fresh_for_ms / 1000, None)
            with self._lock:
                if self._memo is seen:
                    self._memo = memo
        return fresh.token

    def __repr__(self) -> str:
        return f"TokenSource({self.credentials!r})"


# Cached gets answered by token sources here, never calling the library: `next()` on a count
# is one atomic step in CPython. The metrics pass them on before each read.
_source_hits = _itertools.count()
_source_hits_reported = 0
_report_lock = _threading.Lock()


def _report_source_hits() -> None:
    global _source_hits_reported
    with _report_lock:
        seen = next(_source_hits)  # this read takes a number of its own
        _generated.record_cached_gets(seen - _source_hits_reported)
        _source_hits_reported = seen + 1


def metrics() -> MetricsSnapshot:
    """Every series now (the process's counts, token sources' own hits included):
    ``metrics().value("vipps_auth_logins_total", {"event": "completed"})``."""
    _report_source_hits()
    return _generated.metrics()


def metrics_prometheus() -> str:
    """Every series in the Prometheus text exposition format, for a ``/metrics`` endpoint."""
    _report_source_hits()
    return _generated.metrics_prometheus()


# What a token source remembers: the token, until when it is fresh (monotonic clock), and an
# object that makes each forgetting a tuple of its own.
_Memo = _Tuple[_Optional[AccessToken], float, object]


def _forgotten() -> _Memo:
    """Nothing remembered, as a tuple of its own (a constant tuple would be shared)."""
    return (None, 0.0, object())


def _refuse_in_event_loop(instead: str) -> None:
    """A call that would wait for Vipps must not freeze a running event loop."""
    if _in_running_event_loop():
        raise Configuration(
            _CONFIGURATION,
            "a blocking call would block the running asyncio event loop while it waits for Vipps",
            f"In async code, use `await {instead}`.",
        )


def _in_running_event_loop() -> bool:
    try:
        _asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _Logs(_Protocol):
    def log(self, record: LogRecord) -> None: ...


def set_logger(logger: _Optional[_Logs], level: LogLevel) -> None:
    """Sends the SDK's log lines (free of secrets) at ``level`` and above to ``logger``:
    any object with a ``log(record)`` method, a ``vipps_auth.Logger`` subclass or not.
    ``None`` stops them."""
    if logger is None or isinstance(logger, Logger):
        _generated.set_logger(logger, level)
    else:
        _generated.set_logger(_Forwarder(logger), level)


class _Forwarder(Logger):
    def __init__(self, target: object) -> None:
        if not callable(getattr(target, "log", None)):
            raise TypeError(f"a logger needs a log(record) method; {type(target).__name__} has none")
        self._target = target

    def log(self, record: LogRecord) -> None:
        self._target.log(record)  # type: ignore[attr-defined]  # checked above

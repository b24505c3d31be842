"""Vipps MobilePay authentication: cached machine access tokens from one Rust core.

The classes come from the generated bindings (``vipps_auth._generated``); this file adds
only Python idiom: a blocking call never freezes a running asyncio event loop, any object
with a ``log(record)`` method can be the logger, and ``TokenSource`` answers a cached get in
Python without calling into the library.
"""

import asyncio as _asyncio
import itertools as _itertools
import threading as _threading
from time import monotonic as _monotonic

from ._generated import vipps_auth as _generated
from ._generated.vipps_auth import *  # noqa: F401,F403 - the generated API
from ._generated.vipps_auth import __all__ as _generated_all

__all__ = list(_generated_all) + ["TokenSource"]

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

    def __new__(cls, config: "object" = None, *, store: "_generated.RedisStore | None" = None,
                prefix: str = _STORE_PREFIX) -> "TokenManager":
        # The generated constructors make instances with `cls.__new__(cls)`: no arguments.
        if store is None:
            return super().__new__(cls)
        return cls.with_store(config, store, prefix)  # type: ignore[arg-type]

    def __init__(self, config: "_generated.Config", *, store: "_generated.RedisStore | None" = None,
                 prefix: str = _STORE_PREFIX) -> None:
        if store is None:  # with a store, `__new__` made it whole
            super().__init__(config)

    def access_token_blocking(self, credentials: "_generated.Credentials") -> "_generated.AccessToken":
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

    def __new__(cls, config: "object" = None, client_id: "object" = None, client_secret: "object" = None, *,
                store: "_generated.RedisStore | None" = None, prefix: str = _STORE_PREFIX) -> "LoginClient":
        # The generated constructors make instances with `cls.__new__(cls)`: no arguments.
        if store is None:
            return super().__new__(cls)
        plain = _generated.LoginClient(config, client_id, client_secret)  # type: ignore[arg-type]
        return cls._adopt(plain.with_store(store, prefix))

    def __init__(self, config: "_generated.Config", client_id: str, client_secret: str, *,
                 store: "_generated.RedisStore | None" = None, prefix: str = _STORE_PREFIX) -> None:
        if store is None:  # with a store, `__new__` made it whole
            super().__init__(config, client_id, client_secret)

    def with_store(self, store: "_generated.RedisStore", prefix: str = _STORE_PREFIX) -> "LoginClient":
        return type(self)._adopt(super().with_store(store, prefix))

    @classmethod
    def _adopt(cls, client: "_generated.LoginClient") -> "LoginClient":
        """This class's instance holding its own reference to `client`'s core."""
        return cls._uniffi_make_instance(client._uniffi_clone_handle())  # type: ignore[no-any-return]


class TokenSource:
    """The fast way to ask for a token for one set of keys, again and again.

    The manager's answer comes with how long the token stays fresh; until then the source
    hands out that same token from Python, without a call into the library. After that, or
    after ``invalidate``, it asks the manager, which still owns staleness, background
    refresh, single flight and expiry. Thread-safe: the remembered answer is one immutable
    tuple, read without a lock and replaced whole (under a lock only on a miss).
    """

    __slots__ = ("manager", "credentials", "_memo", "_lock")

    def __init__(self, manager: "_generated.TokenManager", credentials: "_generated.Credentials"):
        self.manager = manager
        self.credentials = credentials
        self._memo = _forgotten()  # (token, fresh-until on the monotonic clock, ...)
        self._lock = _threading.Lock()

    def access_token_blocking(self) -> "_generated.AccessToken":
        memo = self._memo
        if _monotonic() < memo[1]:
            next(_source_hits)
            return memo[0]
        if self.manager.cached_access_token(self.credentials) is None:
            _refuse_in_event_loop("source.access_token()")
        return self._remember(memo, self.manager.fresh_access_token_blocking(self.credentials))

    async def access_token(self) -> "_generated.AccessToken":
        memo = self._memo
        if _monotonic() < memo[1]:
            next(_source_hits)
            return memo[0]
        return self._remember(memo, await self.manager.fresh_access_token(self.credentials))

    def invalidate(self) -> None:
        """After Vipps refused the token with 401: forget it here and in the manager."""
        with self._lock:
            self._memo = _forgotten()  # a new object: an answer asked for before this is not kept
        self.manager.invalidate(self.credentials)

    def _remember(self, seen, fresh: "_generated.FreshToken") -> "_generated.AccessToken":
        if fresh.fresh_for_ms > 0:
            memo = (fresh.token, _monotonic() + fresh.fresh_for_ms / 1000)
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


def metrics() -> "_generated.MetricsSnapshot":
    """Every series now (the process's counts, token sources' own hits included):
    ``metrics().value("vipps_auth_logins_total", {"event": "completed"})``."""
    _report_source_hits()
    return _generated.metrics()


def metrics_prometheus() -> str:
    """Every series in the Prometheus text exposition format, for a ``/metrics`` endpoint."""
    _report_source_hits()
    return _generated.metrics_prometheus()


def _forgotten() -> tuple:
    """Nothing remembered, as a tuple of its own (a constant tuple would be shared)."""
    return (None, 0.0, object())


def _refuse_in_event_loop(instead: str) -> None:
    """A call that would wait for Vipps must not freeze a running event loop."""
    if _in_running_event_loop():
        raise _generated.VippsAuthError.Configuration(
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


def set_logger(logger: "object | None", level: "_generated.LogLevel") -> None:
    """Sends the SDK's log lines (free of secrets) at ``level`` and above to ``logger``:
    any object with a ``log(record)`` method, a ``vipps_auth.Logger`` subclass or not.
    ``None`` stops them."""
    if logger is not None and not isinstance(logger, _generated.Logger):
        logger = _Forwarder(logger)
    _generated.set_logger(logger, level)


class _Forwarder(_generated.Logger):
    def __init__(self, target: object):
        if not callable(getattr(target, "log", None)):
            raise TypeError(f"a logger needs a log(record) method; {type(target).__name__} has none")
        self._target = target

    def log(self, record: "_generated.LogRecord") -> None:
        self._target.log(record)

"""Vipps MobilePay authentication: cached machine access tokens from one Rust core.

The classes come from the generated bindings (``vipps_auth._generated``); this file adds
only Python idiom: a blocking call never freezes a running asyncio event loop, and any
object with a ``log(record)`` method can be the logger.
"""

import asyncio as _asyncio

from ._generated import vipps_auth as _generated
from ._generated.vipps_auth import *  # noqa: F401,F403 - the generated API
from ._generated.vipps_auth import __all__ as _generated_all

__all__ = list(_generated_all)

# The stable public code of configuration errors (the README's table, the C ABI's status).
_CONFIGURATION = 1


class TokenManager(_generated.TokenManager):
    __doc__ = _generated.TokenManager.__doc__

    def access_token_blocking(self, credentials: "_generated.Credentials") -> "_generated.AccessToken":
        """A valid token, blocking the calling thread until Vipps answers if need be.

        A cached token is served anywhere. A call that would wait for Vipps from a thread
        running an asyncio event loop raises ``VippsAuthError.Configuration`` instead of
        freezing the loop: use ``await manager.access_token(credentials)`` there.
        """
        token = self.cached_access_token(credentials)
        if token is not None:
            return token
        if _in_running_event_loop():
            raise _generated.VippsAuthError.Configuration(
                _CONFIGURATION,
                "access_token_blocking would block the running asyncio event loop while it waits for Vipps",
                "In async code, use `await manager.access_token(credentials)`.",
            )
        return super().access_token_blocking(credentials)


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

"""ID-token verification on the hot path, through the C ABI the same library exports.

The generated call lowers each argument into a Rust buffer and reads the claims back field
by field, in Python: that cost more than the signature check itself. Here the strings go as
``char *`` and the claims come back as one JSON text. A refusal is raised by the generated
method with the same arguments, so it is the very error every other binding raises.
"""

from __future__ import annotations

import ctypes as _ctypes
import inspect as _inspect
import json as _json
import weakref as _weakref
from datetime import datetime as _datetime, timezone as _timezone
from time import time as _time
from typing import Any as _Any, Dict as _Dict, Optional as _Optional

from ._generated import vipps_auth as _generated
from ._generated.vipps_auth import IdTokenClaims

_library = _generated._UniffiLib  # the shared library the generated module loaded
_new = _library.vipps_id_token_verifier_new
_new.argtypes = [_ctypes.c_char_p] * 4 + [_ctypes.c_uint32, _ctypes.POINTER(_ctypes.c_void_p)]
_new.restype = _ctypes.c_int
_verify = _library.vipps_id_token_verifier_verify
_verify.argtypes = [_ctypes.c_void_p] + [_ctypes.c_char_p] * 3 + [_ctypes.c_int64, _ctypes.POINTER(_ctypes.c_void_p)]
_verify.restype = _ctypes.c_int
_free = _library.vipps_id_token_verifier_free
_free.argtypes = [_ctypes.c_void_p]
_free.restype = None
_free_string = _library.vipps_string_free
_free_string.argtypes = [_ctypes.c_void_p]
_free_string.restype = None

# The claims with a field of their own: the record's fields but `other`.
_NAMED_CLAIMS = frozenset(_inspect.signature(IdTokenClaims).parameters) - {"other"}
_json_text = _json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode  # as Rust writes JSON
_json_value = _json.JSONDecoder().raw_decode  # json.loads without its checks: half the time


def _utf8(text: _Optional[str]) -> _Optional[bytes]:
    return None if text is None else text.encode()


class IdTokenVerifier(_generated.IdTokenVerifier):
    """ID-token verification with Vipps' keys in hand (the JWKS read once), at the current
    time or one you choose: the same rules as the Login client, without the network."""

    _checker: _Optional[int] = None

    def __init__(self, jwks: str, issuer: str, client_id: _Optional[str] = None, msn: _Optional[str] = None,
                 leeway_seconds: int = 60) -> None:
        """For ``client_id``, the merchant ``msn``, or both (then both are checked);
        ``leeway_seconds`` 0 to 600."""
        super().__init__(jwks, issuer, client_id, msn, leeway_seconds)  # refuses bad settings, typed
        checker = _ctypes.c_void_p()
        if _new(jwks.encode(), issuer.encode(), _utf8(client_id), _utf8(msn), leeway_seconds,
                _ctypes.byref(checker)) == 0:
            self._checker = checker.value
            _weakref.finalize(self, _free, checker.value)

    def verify(self, token: str, nonce: str, acr: _Optional[str] = None,
               now: _Optional[_datetime] = None) -> IdTokenClaims:
        """The verified claims, for the login that sent ``nonce`` (and ``acr``, if it asked),
        at ``now`` (default: the current time)."""
        seconds = int(_time() if now is None else now.timestamp())
        claims = _ctypes.c_void_p()
        # A NUL would end a C string early: such text takes the generated call, which refuses it.
        if self._checker and "\0" not in token and "\0" not in nonce and "\0" not in (acr or "") and _verify(
                self._checker, token.encode(), nonce.encode(), _utf8(acr), seconds, _ctypes.byref(claims)) == 0:
            try:
                text = _ctypes.string_at(claims).decode()
            finally:
                _free_string(claims)
            return _claims(_json_value(text)[0])
        return super().verify(token, nonce, acr, _datetime.fromtimestamp(seconds, _timezone.utc))


def _claims(claims: _Dict[str, _Any]) -> IdTokenClaims:
    """The record from the claims JSON: each claim without a field of its own as JSON text."""
    other = {name: _json_text(claims[name]) for name in claims.keys() - _NAMED_CLAIMS}
    return IdTokenClaims(**{name: claims[name] for name in _NAMED_CLAIMS}, other=other)

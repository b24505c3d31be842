"""How the tests read an outcome: narrowed as a user's code under `mypy --strict` would be."""

from typing import Union

import vipps_auth


def completed(result: Union[vipps_auth.LoginResult, vipps_auth.PhoneLoginResult]) -> vipps_auth.CompletedLogin:
    """The completed login, or a failed test naming the outcome it was instead."""
    assert isinstance(result, (vipps_auth.LoginResult.COMPLETED, vipps_auth.PhoneLoginResult.COMPLETED)), result
    return result.login


def userinfo(result: Union[vipps_auth.LoginResult, vipps_auth.PhoneLoginResult]) -> vipps_auth.UserInfo:
    """The user's data of a completed login that asked for it."""
    info = completed(result).userinfo
    assert info is not None, "no userinfo"
    return info

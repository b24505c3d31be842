"""One partner login client for many merchants, from Python: each login names its merchant,
the pending login keeps it through serialisation, and the verified login is that merchant's."""

from emulator import Emulator
from outcomes import completed
import pytest
import vipps_auth

REDIRECT_URI = "https://example.com/app/callback"


@pytest.fixture
def partner(emulator: Emulator, config: vipps_auth.Config) -> vipps_auth.LoginClient:
    emulator.add_merchants(3)
    keys = vipps_auth.Credentials("emu-partner-client-id", "emu-partner-client-secret", "emu-partner-subscription-key")
    return vipps_auth.LoginClient.partner(config, keys)


def test_each_login_is_for_the_merchant_it_names(emulator: Emulator, partner: vipps_auth.LoginClient) -> None:
    for msn in ("100001", "100003"):
        request = vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name", msn=msn)
        authorization = partner.authorize_blocking(request)
        assert f"msn={msn}" in authorization.url
        pending = vipps_auth.PendingLogin.restore(authorization.pending.serialize())
        assert pending.msn == msn
        result = partner.complete_blocking(pending, emulator.follow(authorization.url), False)
        assert completed(result).claims.msn == msn
    partner_tokens = [r["headers"]["Merchant-Serial-Number"] for r in emulator.token_requests()
                      if r["path"] == "/accesstoken/get"]
    assert partner_tokens == ["100001", "100003"]


def test_a_partner_login_without_a_merchant_is_refused_before_any_request(emulator: Emulator, partner: vipps_auth.LoginClient) -> None:
    with pytest.raises(vipps_auth.Configuration):
        partner.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name"))
    assert emulator.token_requests() == []

"""Metrics from Python against the emulator: the scripted scenario (three fetches after two
503s, one invalid_client, five logins of which one cancelled and one with a bad audience, a
phone login answered slow_down once) yields exactly the expected counts; the exposition
passes prometheus_client's parser with the same series after 1,000 merchants as before; a
TokenSource's own hits are counted; no secret or personal data shows."""

from typing import Iterator
import pytest
import vipps_auth
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families

from emulator import CLIENT_ID, CLIENT_SECRET, MSN, SUBSCRIPTION_KEY, Emulator
from outcomes import completed, userinfo

REDIRECT_URI = "https://example.com/app/callback"


class Changes:
    """What changed in the process's counts since it was made."""

    def __init__(self) -> None:
        self.before = vipps_auth.metrics()

    def __call__(self, name: str, **labels: str) -> float:
        return vipps_auth.metrics().value(name, labels) - self.before.value(name, labels)


@pytest.fixture(scope="module")
def phone_emulator() -> Iterator[Emulator]:
    emulator = Emulator("--phone-interval", "1", "--approval-delay", "2")
    yield emulator
    emulator.stop()


def browser_login(emulator: Emulator, login: vipps_auth.LoginClient, decision: str = "accept") -> vipps_auth.LoginResult:
    authorization = login.authorize_blocking(vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name"))
    callback = (emulator.follow(authorization.url) if decision == "accept"
                else emulator.consent(authorization.url, decision))
    return login.complete_blocking(authorization.pending, callback, True)


def series(families: list[Metric]) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every series of the exposition, by name and labels."""
    return sorted((s.name, tuple(sorted(s.labels.items()))) for f in families for s in f.samples)


def test_a_scripted_scenario_yields_exactly_the_expected_counts(phone_emulator: Emulator, merchant: vipps_auth.Credentials, specialized: vipps_auth.Credentials) -> None:
    changes = Changes()
    phone_emulator.reset()
    emulator = phone_emulator
    manager = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment.custom(emulator.url)))
    emulator.fault(path="/accesstoken/get", status=503, count=2)
    for keys in (merchant, merchant, specialized):
        manager.access_token_blocking(keys)
    manager.invalidate(merchant)
    manager.access_token_blocking(merchant)
    with pytest.raises(vipps_auth.ServerRefused):
        manager.access_token_blocking(vipps_auth.Credentials(CLIENT_ID, "wrong-secret", SUBSCRIPTION_KEY))

    login = vipps_auth.LoginClient(vipps_auth.Config(vipps_auth.Environment.custom(emulator.url)), CLIENT_ID,
                                   CLIENT_SECRET)
    for _ in range(3):
        assert browser_login(emulator, login).is_COMPLETED()
    assert not browser_login(emulator, login, "cancel").is_COMPLETED()
    emulator.tamper_id_token(claims={"aud": "someone-else"})
    with pytest.raises(vipps_auth.IdTokenInvalid):
        browser_login(emulator, login)

    phone_login = login.start_phone_login_blocking(vipps_auth.PhoneLoginRequest(phone="+47 123 45 678"))
    emulator.fault(path="/access-management-1.0/access/oauth2/token", status=400, body='{"error":"slow_down"}')
    assert login.wait_for_phone_login_blocking(phone_login, False, None).is_COMPLETED()

    def requests(endpoint: str, outcome: str) -> float:
        return changes("vipps_auth_requests_total", endpoint=endpoint, outcome=outcome)

    assert [requests("access_token", o) for o in ("2xx", "5xx", "4xx")] == [2, 2, 1]
    assert requests("specialized_token", "2xx") == 1
    assert changes("vipps_auth_retries_total", endpoint="access_token") == 2
    assert [changes("vipps_auth_token_gets_total", level=l) for l in ("cached", "stale", "fetched")] == [1, 0, 4]
    assert changes("vipps_auth_token_errors_total", kind="server_refused") == 1
    assert [changes("vipps_auth_logins_total", event=e) for e in ("started", "completed", "cancelled", "failed")] \
        == [5, 3, 1, 1]
    assert changes("vipps_auth_id_token_refusals_total", rule="audience") == 1
    assert requests("login_token", "2xx") == 4 and requests("userinfo", "2xx") == 3
    assert requests("discovery", "2xx") == 1 and requests("jwks", "2xx") == 1
    assert [changes("vipps_auth_phone_logins_total", event=e) for e in ("started", "completed")] == [1, 1]
    assert changes("vipps_auth_phone_slow_downs_total") == 1


def test_a_token_sources_own_hits_are_counted(manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    source = vipps_auth.TokenSource(manager, merchant)
    source.access_token_blocking()  # fetched
    changes = Changes()
    for _ in range(1000):
        source.access_token_blocking()
    assert changes("vipps_auth_token_gets_total", level="cached") == 1000
    assert changes("vipps_auth_token_gets_total", level="fetched") == 0


def test_the_exposition_parses_and_keeps_its_series_for_a_thousand_merchants(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    manager.access_token_blocking(merchant)
    before = list(text_string_to_metric_families(vipps_auth.metrics_prometheus()))
    emulator.add_merchants(1000)
    for i in range(1000):
        msn = 100001 + i
        manager.access_token_blocking(
            vipps_auth.Credentials(f"emu-client-id-{msn}", f"emu-client-secret-{msn}", SUBSCRIPTION_KEY, msn=str(msn)))
    after = list(text_string_to_metric_families(vipps_auth.metrics_prometheus()))
    assert series(after) == series(before)
    names = {family.name: family.type for family in after}
    assert names["vipps_auth_requests"] == "counter" and names["vipps_auth_request_duration_seconds"] == "histogram"
    assert names["vipps_auth_token_cache_entries"] == "gauge"
    assert vipps_auth.metrics().series == len(series(after))


def test_no_secret_or_personal_data_shows(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials, config: vipps_auth.Config) -> None:
    token = manager.access_token_blocking(merchant).value
    login = vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET)
    result = browser_login(emulator, login)
    text = vipps_auth.metrics_prometheus() + vipps_auth.metrics().to_json()
    user = userinfo(result)
    for secret in (token, CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, MSN, completed(result).claims.sub,
                   user.name, user.given_name, user.family_name):
        assert secret and secret not in text


def test_credentials_named_for_the_metrics_get_series_of_their_own(manager: vipps_auth.TokenManager) -> None:
    changes = Changes()
    shop = vipps_auth.Credentials(CLIENT_ID, CLIENT_SECRET, SUBSCRIPTION_KEY, msn=MSN).with_metrics_name("shop-eu")
    assert shop.metrics_name == "shop-eu"
    manager.access_token_blocking(shop)
    assert changes("vipps_auth_credential_token_requests_total", credential="shop-eu", outcome="ok") == 1
    with pytest.raises(vipps_auth.Configuration):
        shop.with_metrics_name(CLIENT_ID)

"""Login from phone number from a Python script against the emulator (polls every second,
users answer after one, logins expire after three): approve, decline, expire, stop from
another thread and by cancelling the asyncio task, the webhook and redirect variants, the
typed refusals, and a phone number that never shows."""

from typing import Any, Iterator
import asyncio
import threading
import time

import pytest
import vipps_auth

from emulator import CLIENT_ID, CLIENT_SECRET, Emulator
from outcomes import completed, userinfo

TOKEN = "/access-management-1.0/access/oauth2/token"
CIBA = "/vipps-login-ciba/api/backchannel/authentication"


@pytest.fixture(scope="module")
def quick() -> Iterator[Emulator]:
    emulator = Emulator("--phone-interval", "1", "--approval-delay", "1", "--phone-max-expiry", "3")
    yield emulator
    emulator.stop()


@pytest.fixture
def login(quick: Emulator) -> vipps_auth.LoginClient:
    quick.reset()
    return vipps_auth.LoginClient(vipps_auth.Config(vipps_auth.Environment.custom(quick.url)), CLIENT_ID, CLIENT_SECRET)


def start(login: vipps_auth.LoginClient, phone: str, **more: Any) -> vipps_auth.PhoneLogin:
    return login.start_phone_login_blocking(vipps_auth.PhoneLoginRequest(phone=phone, scope="name", **more))


def polls(emulator: Emulator) -> list[dict[str, Any]]:
    return [r for r in emulator.requests() if r["path"] == TOKEN]


class Listener(vipps_auth.PhoneLoginListener):
    def __init__(self) -> None:
        self.seen: list[vipps_auth.PhoneLoginProgress] = []

    def on_progress(self, progress: vipps_auth.PhoneLoginProgress) -> None:
        self.seen.append(progress)


def test_an_approved_login_from_a_script(login: vipps_auth.LoginClient, quick: Emulator) -> None:
    phone_login = start(login, "+47 123 45 678", binding_message=vipps_auth.generate_binding_message())
    assert phone_login.phone == "+47 *** ** 678" and phone_login.interval_ms == 1000
    listener = Listener()
    result = login.wait_for_phone_login_blocking(phone_login, True, listener)
    assert userinfo(result).name == "Kari Nordmann"
    assert listener.seen[0].status == vipps_auth.PhoneLoginStatus.STARTED
    assert phone_login.status() == listener.seen[-1]
    times = [r["at_ms"] for r in polls(quick)]
    assert all(later - earlier >= 1000 for earlier, later in zip(times, times[1:])), times


def test_declined_and_expired(login: vipps_auth.LoginClient) -> None:
    assert login.wait_for_phone_login_blocking(start(login, "4700000001"), False, None).is_CANCELLED()
    began = time.monotonic()
    assert login.wait_for_phone_login_blocking(start(login, "4700000002"), False, None).is_EXPIRED()
    assert time.monotonic() - began >= 2.5


def test_cancel_from_another_thread_stops_the_wait(login: vipps_auth.LoginClient, quick: Emulator) -> None:
    phone_login = start(login, "4700000002")
    threading.Timer(1.5, phone_login.cancel).start()
    assert login.wait_for_phone_login_blocking(phone_login, False, None).is_STOPPED()
    sent = len(polls(quick))
    time.sleep(1.2)
    assert len(polls(quick)) == sent == 1


def test_cancelling_the_asyncio_task_stops_polling(login: vipps_auth.LoginClient, quick: Emulator) -> None:
    async def wait_then_cancel() -> None:
        phone_login = await login.start_phone_login(vipps_auth.PhoneLoginRequest(phone="4700000002"))
        task = asyncio.create_task(login.wait_for_phone_login(phone_login, False, None))
        await asyncio.sleep(1.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(wait_then_cancel())
    sent = len(polls(quick))
    time.sleep(1.2)
    assert len(polls(quick)) == sent == 1, "a poll was sent after the task was cancelled"


def test_the_webhook_and_the_redirect_variant(login: vipps_auth.LoginClient, quick: Emulator) -> None:
    phone_login = start(login, "4712345678")
    assert login.complete_phone_login_now_blocking(phone_login.auth_req_id, False).is_PENDING()
    time.sleep(1.1)
    auth_req_id = vipps_auth.parse_phone_login_ping(f'{{"auth_req_id":"{phone_login.auth_req_id}"}}'.encode())
    assert login.complete_phone_login_now_blocking(auth_req_id, False).is_COMPLETED()

    redirected = start(login, "4712345678", redirect_uri="https://example.com/app/callback")
    stored = vipps_auth.PhoneLogin.restore(redirected.serialize())
    time.sleep(1.1)
    result = login.complete_phone_redirect_blocking(stored, quick.phone_redirects()[-1], False)
    assert "authReqId" in completed(result).claims.other


def test_refusals_are_typed_and_the_number_never_shows(login: vipps_auth.LoginClient) -> None:
    with pytest.raises(vipps_auth.PhoneLoginRefused) as error:
        start(login, "+47 99 88 77 66")
    assert (error.value.code, error.value.reason) == (10, "unknown_user")
    assert "99887766" not in str(error.value)
    with pytest.raises(vipps_auth.PhoneLoginRefused) as error:
        start(login, "4700000004")
    assert error.value.reason == "app_too_old"
    with pytest.raises(vipps_auth.Configuration) as refused:
        start(login, "12345678")
    assert "no country code" in refused.value.detail
    request = vipps_auth.PhoneLoginRequest(phone="+47 123 45 678")
    assert str(request) == "PhoneLoginRequest(+47 *** ** 678, scope=openid)" and "12345678" not in repr(request)
    phone_login = start(login, "+47 123 45 678")
    assert "12345678" not in str(phone_login) + repr(phone_login)
    assert phone_login.auth_req_id not in str(phone_login)
    assert login.user_exists_blocking("+47 123 45 678") and not login.user_exists_blocking("+45 12 34 56 78")


@pytest.fixture(scope="module")
def patient() -> Iterator[Emulator]:
    """Polls every second, approves after one; logins live long enough for a slow_down."""
    emulator = Emulator("--phone-interval", "1", "--approval-delay", "1")
    yield emulator
    emulator.stop()


@pytest.mark.parametrize("slice_s,slow_down", [(0.1, False), (0.3, False), (1.0, False), (0.3, True)])
def test_waits_cut_short_resume_the_logins_schedule(patient: Emulator, slice_s: float, slow_down: bool) -> None:
    """A UI loop waiting in slices shorter than the interval: the schedule lives in the login,
    so the login completes and the polls keep the interval (six seconds after a slow_down)."""
    patient.reset()
    login = vipps_auth.LoginClient(vipps_auth.Config(vipps_auth.Environment.custom(patient.url)), CLIENT_ID, CLIENT_SECRET)

    async def in_slices() -> vipps_auth.PhoneLoginResult:
        phone_login = await login.start_phone_login(vipps_auth.PhoneLoginRequest(phone="+47 123 45 678"))
        if slow_down:
            patient.fault(path=TOKEN, status=400, body='{"error":"slow_down"}')
        for _ in range(100):
            try:
                return await asyncio.wait_for(login.wait_for_phone_login(phone_login, False, None), slice_s)
            except asyncio.TimeoutError:
                pass
        raise AssertionError(f"not done in 100 slices of {slice_s} s")

    assert asyncio.run(in_slices()).is_COMPLETED()
    times = [r["at_ms"] for r in patient.requests() if r["path"] in (TOKEN, CIBA)]
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert all(gap >= 1000 for gap in gaps), gaps
    if slow_down:
        assert len(gaps) == 2 and gaps[1] >= 6000, gaps

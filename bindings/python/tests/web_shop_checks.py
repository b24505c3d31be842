"""The web examples' tests, shared: each example's test_browser.py imports them and adds a
`shop` fixture (its app on a free loopback port, with the emulator's URL). They drive a real
headless Chromium (Debian's chromium and chromium-driver, never downloaded): click "Log in
with Vipps", answer the emulator's consent page, and read the page the shop shows."""

import http.client
import urllib.error
import urllib.request
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from emulator import Emulator
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


MAX_PENDING = 3  # the pending logins each shop fixture keeps, few enough to reach


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emulator = Emulator("--consent-page")
    yield emulator
    emulator.stop()


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def log_in(browser: webdriver.Chrome, shop: str, decision: str) -> None:
    """Clicks the shop's "Log in with Vipps" and answers the emulator's consent page
    (`accept` or `cancel`)."""
    browser.get(shop)
    browser.find_element(By.ID, "login").click()
    WebDriverWait(browser, 10).until(EC.element_to_be_clickable((By.ID, decision))).click()


def shown(browser: webdriver.Chrome, element_id: str) -> WebElement:
    """The element once the page shows it."""
    return WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def code_exchanges(emulator: Emulator) -> int:
    return sum(r["path"] == "/access-management-1.0/access/oauth2/token" for r in emulator.requests())


def metric(shop: str, series: str) -> float:
    """One series' value from the shop's /metrics."""
    with urllib.request.urlopen(f"{shop}/metrics") as answer:
        assert answer.headers["Content-Type"].startswith("text/plain")
        lines = answer.read().decode().splitlines()
    return float(next(line.split(" ")[-1] for line in lines if line.startswith(series + " ")))


def started_login(shop: str) -> str:
    """The state of a login /login starts, read from where it sends the browser."""
    connection = http.client.HTTPConnection(urlsplit(shop).netloc)
    connection.request("GET", "/login")
    location = connection.getresponse().getheader("Location") or ""
    connection.close()
    return parse_qs(urlsplit(location).query)["state"][0]


def callback_status(shop: str, state: str) -> int:
    """The status /callback answers a made-up code for `state` with."""
    try:
        with urllib.request.urlopen(f"{shop}/callback?state={state}&code=made-up") as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_oldest_pending_login_makes_room(shop: str, emulator: Emulator) -> None:
    states = [started_login(shop) for _ in range(MAX_PENDING + 1)]
    assert callback_status(shop, states[0]) == 400, "the oldest pending login was kept"
    assert code_exchanges(emulator) == 0
    assert callback_status(shop, states[-1]) == 502  # kept: its made-up code went to Vipps
    assert code_exchanges(emulator) == 1


def test_the_user_logs_in_and_is_greeted_by_name(shop: str, browser: webdriver.Chrome, emulator: Emulator) -> None:
    log_in(browser, shop, "accept")
    assert shown(browser, "greeting").text == "Hello, Kari Nordmann!"
    assert browser.current_url.startswith(f"{shop}/callback?code=")
    paths = [r["path"] for r in emulator.requests()]
    assert "/access-management-1.0/access/oauth2/token" in paths and "/vipps-userinfo-api/userinfo" in paths


def test_a_cancelled_login_says_so(shop: str, browser: webdriver.Chrome, emulator: Emulator) -> None:
    log_in(browser, shop, "cancel")
    assert shown(browser, "cancelled").text == "You cancelled the login."
    assert "/access-management-1.0/access/oauth2/token" not in [r["path"] for r in emulator.requests()]


def test_a_replayed_callback_is_refused(shop: str, browser: webdriver.Chrome, emulator: Emulator) -> None:
    log_in(browser, shop, "accept")
    shown(browser, "greeting")
    exchanges = code_exchanges(emulator)
    browser.refresh()  # the same callback URL again
    assert "unknown or was already completed" in browser.page_source
    assert code_exchanges(emulator) == exchanges == 1, "a replay must not reach Vipps"


def test_the_shop_serves_its_metrics(shop: str, browser: webdriver.Chrome) -> None:
    before = metric(shop, 'vipps_auth_logins_total{event="completed"}')
    log_in(browser, shop, "accept")
    shown(browser, "greeting")
    assert metric(shop, 'vipps_auth_logins_total{event="completed"}') == before + 1

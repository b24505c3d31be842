"""The web example in a real headless Chromium (Debian's chromium and chromium-driver, never
downloaded): click "Log in with Vipps", answer the emulator's consent page, and read the page
the shop shows — once accepting, once cancelling."""

import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest
import vipps_auth
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "tests"))
from emulator import CLIENT_ID, CLIENT_SECRET, Emulator  # noqa: E402

from app import shop_app  # noqa: E402


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emulator = Emulator("--consent-page")
    yield emulator
    emulator.stop()


@pytest.fixture
def shop(emulator: Emulator) -> Iterator[str]:
    """The Flask app on a port the OS picks; its /callback is a registered loopback URI."""
    app: dict[str, Callable[[Any, Any], Iterable[bytes]]] = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: app["wsgi"](environ, start), threaded=True)
    url = f"http://127.0.0.1:{server.port}"
    config = vipps_auth.Config(vipps_auth.Environment.custom(emulator.url))
    app["wsgi"] = shop_app(config, CLIENT_ID, CLIENT_SECRET, url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def log_in(browser: webdriver.Chrome, shop: str, decision: str) -> None:
    browser.get(shop)
    browser.find_element(By.ID, "login").click()
    WebDriverWait(browser, 10).until(EC.element_to_be_clickable((By.ID, decision))).click()


def test_the_user_logs_in_and_is_greeted_by_name(shop: str, browser: webdriver.Chrome, emulator: Emulator) -> None:
    log_in(browser, shop, "accept")
    greeting = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "greeting")))
    assert greeting.text == "Hello, Kari Nordmann!"
    assert browser.current_url.startswith(f"{shop}/callback?code=")
    paths = [r["path"] for r in emulator.requests()]
    assert "/access-management-1.0/access/oauth2/token" in paths and "/vipps-userinfo-api/userinfo" in paths


def test_a_cancelled_login_says_so(shop: str, browser: webdriver.Chrome, emulator: Emulator) -> None:
    log_in(browser, shop, "cancel")
    cancelled = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "cancelled")))
    assert cancelled.text == "You cancelled the login."
    assert "/access-management-1.0/access/oauth2/token" not in [r["path"] for r in emulator.requests()]


def test_a_replayed_callback_is_refused(shop: str, browser: webdriver.Chrome) -> None:
    log_in(browser, shop, "accept")
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "greeting")))
    browser.refresh()  # the same callback URL again
    assert "unknown or was already completed" in browser.page_source


def test_the_shop_serves_its_metrics(shop: str, browser: webdriver.Chrome) -> None:
    before = metric(shop, 'vipps_auth_logins_total{event="completed"}')
    log_in(browser, shop, "accept")
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "greeting")))
    assert metric(shop, 'vipps_auth_logins_total{event="completed"}') == before + 1


def metric(shop: str, series: str) -> float:
    """One series' value from the shop's /metrics."""
    with urllib.request.urlopen(f"{shop}/metrics") as answer:
        assert answer.headers["Content-Type"].startswith("text/plain")
        lines = answer.read().decode().splitlines()
    return float(next(line.split(" ")[-1] for line in lines if line.startswith(series + " ")))

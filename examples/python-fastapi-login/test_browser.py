"""The FastAPI example in a real headless Chromium: log in, cancel, a replayed callback, the
metrics (the checks are shared with the other web examples: web_shop_checks.py)."""

import socket
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
import uvicorn
import vipps_auth

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "tests"))
from emulator import CLIENT_ID, CLIENT_SECRET, Emulator  # noqa: E402
from web_shop_checks import (  # noqa: E402,F401 (pytest finds the fixtures and tests here)
    MAX_PENDING,
    browser,
    emulator,
    test_the_oldest_pending_login_makes_room,
    test_a_cancelled_login_says_so,
    test_a_replayed_callback_is_refused,
    test_the_shop_serves_its_metrics,
    test_the_user_logs_in_and_is_greeted_by_name,
)

from app import shop_app  # noqa: E402


@pytest.fixture
def shop(emulator: Emulator) -> Iterator[str]:
    """The FastAPI app under uvicorn on a port the OS picks; its /callback is a registered
    loopback URI."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    config = vipps_auth.Config(vipps_auth.Environment.custom(emulator.url))
    app = shop_app(vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET), url, max_pending=MAX_PENDING)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield url
    server.should_exit = True
    thread.join()
    listener.close()

"""The Flask example in a real headless Chromium: log in, cancel, a replayed callback, the
metrics (the checks are shared with the other web examples: web_shop_checks.py)."""

import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest
import vipps_auth
from werkzeug.serving import make_server

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
    """The Flask app on a port the OS picks; its /callback is a registered loopback URI."""
    app: dict[str, Callable[[Any, Any], Iterable[bytes]]] = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: app["wsgi"](environ, start), threaded=True)
    url = f"http://127.0.0.1:{server.port}"
    config = vipps_auth.Config(vipps_auth.Environment.custom(emulator.url))
    app["wsgi"] = shop_app(vipps_auth.LoginClient(config, CLIENT_ID, CLIENT_SECRET), url, max_pending=MAX_PENDING)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()

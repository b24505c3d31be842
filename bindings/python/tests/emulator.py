"""The offline emulator as a subprocess of the `vipps-auth` CLI, with its admin API."""

import json
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[3]
CLI = Path(os.environ.get("VIPPS_AUTH_CLI", REPO / "target" / "debug" / "vipps-auth"))

# The emulator's documented, obviously fake keys.
CLIENT_ID = "emu-client-id"
CLIENT_SECRET = "emu-client-secret"
SUBSCRIPTION_KEY = "emu-subscription-key"
MSN = "123456"


class Emulator:
    """`vipps-auth emulator --port 0`: the OS picks the port, the first line is the URL."""

    def __init__(self, *args: str):
        if not CLI.exists():
            raise RuntimeError(f"{CLI} not found: run `cargo build -p vipps-auth-cli` first")
        self.process = subprocess.Popen(
            [str(CLI), "emulator", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"the emulator did not start (said {self.url!r})")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def requests(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.url}/_emulator/requests") as answer:
            requests: list[dict[str, Any]] = json.load(answer)["requests"]
        return requests

    def token_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests() if not r["path"].startswith("/_emulator")]

    def fault(self, **fault: Any) -> None:
        self._post("/_emulator/faults", fault)

    def rotate_secret(self, client_secret: str, subscription_key: str) -> None:
        self._post("/_emulator/rotate-secret", {"client_secret": client_secret, "subscription_key": subscription_key})

    def add_merchants(self, count: int) -> None:
        """Registers `count` more sales units: MSN 100001…, keys emu-client-id-<MSN> etc."""
        self._post("/_emulator/merchants", {"add": count})

    def reset(self) -> None:
        self._post("/_emulator/reset", {})

    def tamper_id_token(self, **tampering: Any) -> None:
        self._post("/_emulator/id-token", tampering)

    def phone_redirects(self) -> list[str]:
        with urllib.request.urlopen(f"{self.url}/_emulator/phone-redirects") as answer:
            redirects: list[str] = json.load(answer)["redirects"]
        return redirects

    def follow(self, url: str) -> str:
        """What a browser does with the authorize URL: where the emulator's 302 sends it."""
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(url).close()
        except urllib.error.HTTPError as answer:
            if answer.code in (302, 303):
                return str(answer.headers["Location"])
            raise
        raise AssertionError(f"{url} did not redirect")

    def consent(self, url: str, decision: str) -> str:
        """The consent page's buttons, `accept` or `cancel`: the URL the browser goes back to."""
        with urllib.request.urlopen(f"{url}&_emulator_consent=page") as page:
            html = page.read().decode()
        ticket = html.split('name="ticket" value="')[1].split('"')[0]
        request = urllib.request.Request(
            f"{self.url}/access-management-1.0/access/oauth2/auth/consent",
            data=f"ticket={ticket}&decision={decision}".encode(),
        )
        try:
            urllib.request.build_opener(_NoRedirect).open(request).close()
        except urllib.error.HTTPError as answer:
            return str(answer.headers["Location"])
        raise AssertionError("the consent page did not redirect")

    def _post(self, path: str, body: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.url}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        urllib.request.urlopen(request).close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> Optional[urllib.request.Request]:
        return None

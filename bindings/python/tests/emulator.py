"""The offline emulator as a subprocess of the `vipps-auth` CLI, with its admin API."""

import json
import os
import subprocess
import urllib.request
from pathlib import Path

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
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"the emulator did not start (said {self.url!r})")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()

    def requests(self) -> list:
        with urllib.request.urlopen(f"{self.url}/_emulator/requests") as answer:
            return json.load(answer)["requests"]

    def token_requests(self) -> list:
        return [r for r in self.requests() if not r["path"].startswith("/_emulator")]

    def fault(self, **fault) -> None:
        self._post("/_emulator/faults", fault)

    def rotate_secret(self, client_secret: str, subscription_key: str) -> None:
        self._post("/_emulator/rotate-secret", {"client_secret": client_secret, "subscription_key": subscription_key})

    def reset(self) -> None:
        self._post("/_emulator/reset", {})

    def _post(self, path: str, body: dict) -> None:
        request = urllib.request.Request(
            f"{self.url}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        urllib.request.urlopen(request).close()

"""A real `redis-server` (Debian's package; scripts/test.sh installs it) on a free loopback port."""

import socket
import subprocess
import time


class RedisServer:
    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        self.url = f"redis://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 10
        while not self._answers():
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.02)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def keys(self, pattern: str) -> list[str]:
        """The names under `pattern` (inline KEYS; names are plain text here)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as connection:
            connection.sendall(f"KEYS {pattern}\r\n".encode())
            answer = b""
            while not answer.endswith(b"\r\n") or answer.count(b"\r\n") < 1 + 2 * int(answer[1:answer.index(b"\r\n")]):
                answer += connection.recv(65536)
        lines = answer.split(b"\r\n")[1:-1]
        return [line.decode() for line in lines[1::2]]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()

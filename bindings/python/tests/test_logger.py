"""The SDK's log lines reach a Python logger, without secrets."""

from emulator import Emulator
import vipps_auth

from test_errors import assert_no_secret


class Collector(vipps_auth.Logger):
    def __init__(self) -> None:
        self.records: list[vipps_auth.LogRecord] = []

    def log(self, record: vipps_auth.LogRecord) -> None:
        self.records.append(record)


def test_log_lines_reach_the_logger(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    collector = Collector()
    vipps_auth.set_logger(collector, vipps_auth.LogLevel.DEBUG)
    try:
        emulator.fault(path="/accesstoken/get", count=1, status=503)
        token = manager.access_token_blocking(merchant)
    finally:
        vipps_auth.set_logger(None, vipps_auth.LogLevel.DEBUG)
    assert collector.records, "no log line arrived"
    assert all(r.target.startswith("vipps_auth") for r in collector.records)
    assert any(r.level == vipps_auth.LogLevel.WARN and "503" in r.message for r in collector.records), [
        r.message for r in collector.records
    ]
    assert_no_secret(*(r.message for r in collector.records))
    assert all(token.value not in r.message for r in collector.records)


def test_no_lines_after_the_logger_is_removed(emulator: Emulator, manager: vipps_auth.TokenManager, merchant: vipps_auth.Credentials) -> None:
    collector = Collector()
    vipps_auth.set_logger(collector, vipps_auth.LogLevel.TRACE)
    vipps_auth.set_logger(None, vipps_auth.LogLevel.TRACE)
    manager.access_token_blocking(merchant)
    assert collector.records == []

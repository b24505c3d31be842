"""A cached get from Python with 100,000 merchants cached beside the same with one: the
manager's get and a TokenSource's, each cycling through its merchants in a scrambled order.

    python bench_platform.py EMULATOR_URL [MERCHANTS]
"""

import json
import statistics
import sys
import time
import urllib.request

import vipps_auth

FIRST_MSN = 100001


def unit(i: int) -> vipps_auth.Credentials:
    msn = FIRST_MSN + i
    return vipps_auth.Credentials(f"emu-client-id-{msn}", f"emu-client-secret-{msn}", "emu-subscription-key",
                                  msn=str(msn))


class Holder:
    """A plain object holding a value, for the floor."""

    def __init__(self, value: object):
        self.value = value


def per_call_ns(call, items: list, calls: int = 300_000) -> float:
    """Median over 15 batches of the time per `call(item)`, cycling through `items`."""
    count, batches = len(items), []
    for _ in range(15):
        began = time.perf_counter_ns()
        for i in range(calls // 15):
            call(items[i % count])
        batches.append((time.perf_counter_ns() - began) / (calls // 15))
    return statistics.median(batches)


def main(url: str, merchants: int) -> None:
    body = json.dumps({"add": merchants}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{url}/_emulator/merchants", data=body)).close()
    manager = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment.custom(url)))
    units = [unit((i * 7919 + 13) % merchants) for i in range(merchants)]
    began = time.perf_counter()
    for keys in units:
        manager.access_token_blocking(keys)
    warm = time.perf_counter() - began
    sources = [vipps_auth.TokenSource(manager, keys) for keys in units]
    for source in sources:
        source.access_token_blocking()
    one = units[:1]
    plain_many = per_call_ns(manager.access_token_blocking, units)
    plain_one = per_call_ns(manager.access_token_blocking, one)
    source_many = per_call_ns(lambda source: source.access_token_blocking(), sources)
    source_one = per_call_ns(lambda source: source.access_token_blocking(), sources[:1])
    # The same walk over plain Python objects: what cycling through 100,000 objects costs any
    # Python code, whatever the SDK does.
    holders = [Holder(keys) for keys in units]
    floor_many = per_call_ns(lambda holder: holder.value, holders)
    floor_one = per_call_ns(lambda holder: holder.value, holders[:1])
    print(f"  {merchants} merchants warmed in {warm:.1f} s ({warm / merchants * 1e6:.0f} µs each)")
    print(f"  access_token_blocking: {plain_many / 1000:.3f} µs with {merchants} merchants, "
          f"{plain_one / 1000:.3f} µs with one ({plain_many / plain_one:.2f}x; goal <= 1.1x)")
    print(f"  TokenSource:           {source_many / 1000:.3f} µs with {merchants} merchants, "
          f"{source_one / 1000:.3f} µs with one ({source_many / source_one:.2f}x; goal <= 1.1x)")
    print(f"  floor, an attribute of a plain object: {floor_many / 1000:.3f} µs over {merchants} objects, "
          f"{floor_one / 1000:.3f} µs over one ({floor_many / floor_one:.2f}x)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)

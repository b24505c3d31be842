#!/usr/bin/env bash
# Benchmarks, then a summary of the medians. Pass criterion filters as arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/cargo.sh
cargo build --quiet --release -p vipps-auth   # the library alone: the feature set users get
cargo bench --bench token_cache --bench login --bench phone_login -- --noplot "$@" | tee "$TARGET_DIR/bench-rust.log"
echo
cargo bench --bench platform   # prints its own figures: 100 to 100,000 merchants, partner and phone logins
echo
source scripts/lib/redis.sh
ensure_redis_server
cargo bench --bench store   # prints its own figures: the get with a store, a fresh process's first token, a cold fleet, Redis down
echo
echo "Summary (criterion medians):"
python3 - <<'PY'
import json, os, pathlib
root = pathlib.Path(os.environ["TARGET_DIR"]) / "criterion"
def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns/scale:.2f} {unit}"
    return f"{ns:.1f} ns"
medians = {}
for est in sorted(root.glob("**/new/estimates.json")):
    name = str(est.parent.parent.relative_to(root))
    medians[name] = json.loads(est.read_text())["median"]["point_estimate"]
    print(f"  {name:45s} {fmt(medians[name])}")
one, two = medians.get("cache_hit/1_thread"), medians.get("cache_hit/2_threads")
if one and two:
    print(f"  cache hit, 2 threads vs 1: {two/one:.2f}x per op (goal <= 1.1x)")
two_borrowed, borrowed = medians.get("cache_hit/2_threads_borrowed"), medians.get("cache_hit/borrowed")
if two_borrowed and borrowed:
    print(f"  cache hit borrowed, 2 threads vs 1: {two_borrowed/borrowed:.2f}x per op (the read path alone)")
if borrowed:
    print(f"  cache hit, borrowed (with_cached_token): {fmt(borrowed)} (goal <= 25 ns); copied: {fmt(one or 0)} (goal <= 50 ns)")
copy = medians.get("cache_hit/floor_copy_and_wipe")
if copy and borrowed:
    print(f"  floor: copying the token out and wiping the copy alone: {fmt(copy)}; borrowed + that = {fmt(borrowed + copy)}")
sdk, bare = medians.get("cold_fetch/sdk/invalidate+get"), medians.get("cold_fetch/bare_reqwest/post+body")
if sdk and bare:
    print(f"  cold fetch, SDK vs bare reqwest, criterion medians: {sdk/bare:.2f}x")
paired = [l for l in (root.parent / "bench-rust.log").read_text().splitlines() if l.startswith("cold_fetch/paired")]
if paired:
    print(f"  {paired[-1]} (goal <= 1.1x)")
login, exchange = medians.get("login_complete/sdk_complete"), medians.get("login_complete/bare_reqwest_exchange")
if login and exchange:
    print(f"  login complete (exchange + ID-token checks) vs a bare exchange POST: {login/exchange:.2f}x")
poll, bare_poll = medians.get("phone_poll/sdk_pending_poll"), medians.get("phone_poll/bare_reqwest_poll")
if poll and bare_poll:
    print(f"  phone login, one poll vs a bare POST: {poll/bare_poll:.2f}x (+{fmt(poll - bare_poll)})")
flow, bare_flow = medians.get("phone_approved_flow/sdk_start_complete_verify"), medians.get("phone_approved_flow/bare_reqwest_start_token")
if flow and bare_flow:
    print(f"  phone login, approved flow (start + token + ID-token checks) vs two bare POSTs: {flow/bare_flow:.2f}x")
rs256 = medians.get("id_token/verify_rs256")
if rs256:
    print(f"  ID-token verification RS256: {fmt(rs256)} (goal <= 30 µs)")
PY

echo
echo "C ABI (release build):"
build=$TARGET_DIR/bench-c
scripts/install-c.sh "$build/prefix" release >/dev/null
for bench in bench_cached bench_id_token bench_complete; do
  cc -O2 -o "$build/$bench" "bindings/c/bench/$bench.c" -I"$build/prefix/include" \
    -L"$build/prefix/lib" -Wl,-rpath,"$build/prefix/lib" -lvipps_auth
done
source scripts/lib/emulator.sh
start_emulator
start_redis   # the cached get with a shared store, beside the same get without
"$build/bench_cached" "$EMULATOR_URL" "$REDIS_URL"
python3 - "$build/id_token.txt" <<'PY'
import json, sys
v = json.load(open("tests/vectors/id_tokens.json"))
token = next(c["token"] for c in v["cases"] if c["name"] == "valid RS256")
open(sys.argv[1], "w").write("\n".join([token, json.dumps(v["jwks"]), v["issuer"], v["client_id"], v["nonce"], str(v["now"])]) + "\n")
PY
"$build/bench_id_token" "$build/id_token.txt"
"$build/bench_complete" "$EMULATOR_URL"

echo
venv=$TARGET_DIR/venv-bench
echo "Python (release build of the package, in $venv):"
if [ ! -x "$venv/bin/maturin" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "maturin>=1.9,<2"
fi
PATH="$venv/bin:$PATH" "$venv/bin/pip" install --quiet --no-build-isolation \
  --force-reinstall --no-deps ./bindings/python
"$venv/bin/python" bindings/python/bench/bench_cached.py "$EMULATOR_URL" "$REDIS_URL"
"$venv/bin/python" bindings/python/bench/bench_platform.py "$EMULATOR_URL"
"$venv/bin/pip" install --quiet "pyjwt[crypto]>=2.8,<3"
(cd bindings/python/bench && "$venv/bin/python" bench_login.py "$EMULATOR_URL" "$TARGET_DIR/criterion")

echo
echo "Kotlin/JVM (JNA, release library):"
mvn -B -q -f bindings/kotlin test-compile -Drust.profile.dir=release -Dcargo.target.dir="$TARGET_DIR" >/dev/null
mvn -B -q -f bindings/kotlin dependency:build-classpath -Dmdep.outputFile="$TARGET_DIR/kotlin-bench.cp" \
  -Dmdep.includeScope=test >/dev/null
classpath="bindings/kotlin/target/classes:bindings/kotlin/target/test-classes:$(cat "$TARGET_DIR/kotlin-bench.cp")"
java -cp "$classpath" no.vipps.auth.bench.CachedGetBenchKt "$EMULATOR_URL" "$REDIS_URL"
java -cp "$classpath" no.vipps.auth.bench.LoginCompleteBenchKt "$EMULATOR_URL"

echo
echo "Sizes (release, x86_64):"
stripped=$TARGET_DIR/size-check/$SHARED_LIB
mkdir -p "$(dirname "$stripped")" && cp "$TARGET_DIR/release/$SHARED_LIB" "$stripped" && strip "$stripped"
echo "  $SHARED_LIB stripped: $(du -k "$stripped" | cut -f1) KiB (goal <= 3072 KiB)"
wheel=$(bindings/python/build-wheel.sh "$TARGET_DIR/size-check/wheels" 2>/dev/null)
echo "  $(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB (goal <= 2048 KiB)"

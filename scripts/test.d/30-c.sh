#!/usr/bin/env bash
# The C ABI: header freshness, the C tests (under valgrind when present, then built again with
# AddressSanitizer and UndefinedBehaviorSanitizer) and the C++ example, built through the
# installed CMake package, against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v valgrind >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq valgrind >/dev/null) || echo "valgrind could not be installed"
fi

scripts/gen-header.sh --check
build=bindings/c/build
scripts/install-c.sh "$build/prefix" debug
cmake -S bindings/c -B "$build" -DCMAKE_PREFIX_PATH="$PWD/$build/prefix" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" --parallel 2 >/dev/null
python3 bindings/c/tests/vectors_to_text.py tests/vectors/token_responses.json "$build/vectors.txt"
python3 bindings/c/tests/login_vectors_to_text.py tests/vectors/login_token_answers.json tests/vectors/id_tokens.json \
  "$build/login_vectors.txt"
python3 bindings/c/tests/phone_vectors_to_text.py tests/vectors/phone_inputs.json "$build/phone_vectors.txt"
python3 bindings/c/tests/app_vectors_to_text.py tests/vectors/app_urls.json "$build/app_vectors.txt"
python3 bindings/c/tests/hostile_vectors_to_text.py tests/vectors/hostile_answers.json "$build/hostile_vectors.txt"

# The README's app.c and login.c exactly as the README builds them: pkg-config, with an rpath
# so the program finds the shared library at run time.
prefix=$PWD/$build/prefix
for example in app login; do
  if command -v pkg-config >/dev/null; then
    cc -Wall -Wextra -Werror "bindings/c/examples/$example.c" -o "$build/$example" \
      $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs vipps_auth) -Wl,-rpath,"$prefix/lib"
  else
    cc -Wall -Wextra -Werror "bindings/c/examples/$example.c" -o "$build/$example" -I"$prefix/include" \
      -L"$prefix/lib" -lvipps_auth -Wl,-rpath,"$prefix/lib"
  fi
done
# The version file: find_package(vipps_auth 0.1) is met, another series is refused.
version_check() {
  rm -rf "$build/version-check"
  cmake -S bindings/c/cmake/version-check -B "$build/version-check" -DCMAKE_PREFIX_PATH="$prefix" -DWANT="$1" >/dev/null 2>&1
}
version_check 0.1 || { echo "find_package(vipps_auth 0.1) failed"; exit 1; }
if version_check 0.2 || version_check 1.0; then echo "the version file accepts another series"; exit 1; fi

source scripts/lib/emulator.sh
start_emulator --phone-interval 1 --approval-delay 1   # phone logins in seconds for test_login
base=$EMULATOR_URL
curl -sf -X POST "$base/_emulator/faults" -d '{"path":"/accesstoken/get","count":2,"status":503}' >/dev/null

run=()
if command -v valgrind >/dev/null; then
  run=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
       --show-leak-kinds=definite --fair-sched=yes)
else
  echo "valgrind not available: running without it"
fi
"${run[@]}" "$build/test_tokens" "$base" "$build/vectors.txt"
"${run[@]}" "$build/test_login_vectors" "$build/login_vectors.txt"
"${run[@]}" "$build/test_phone_vectors" "$build/phone_vectors.txt"
"${run[@]}" "$build/test_app_vectors" "$build/app_vectors.txt"

# Two 503s retried, then one request for eight threads; then the later calls of the test.
curl -sf "$base/_emulator/requests" | python3 -c '
import json, sys
log = [(r["path"], r["status"]) for r in json.load(sys.stdin)["requests"]]
assert log[:4] == [("/accesstoken/get", 503), ("/accesstoken/get", 503), ("/accesstoken/get", 200),
                   ("/accesstoken/get", 200)], log
assert log[0] and all(s in (200, 401, 503) for _, s in log), log
# The wrong secret without MSN, then the wrong secret and the wrong key beside a cached token.
assert sum(s == 401 for _, s in log) == 3, log
print("C: eight threads, two 503s survived, one token request; %d requests in all" % len(log))'

# The cache's rules over time, on an emulator of its own whose tokens live 10 s.
start_emulator --token-lifetime 10
"${run[@]}" "$build/test_token_lifecycle" "$EMULATOR_URL"
start_emulator --merchants 30
"${run[@]}" "$build/test_capacity" "$EMULATOR_URL"
start_emulator --phone-interval 1 --approval-delay 2
"${run[@]}" "$build/test_metrics" "$EMULATOR_URL"
source scripts/lib/redis.sh
start_emulator --phone-interval 1 --approval-delay 3
start_redis
# Not under valgrind: its slowdown exceeds the store's 50 ms timeout, and a slow store rightly
# means each process fetches for itself (ASan below runs it instead).
"$build/test_store" "$EMULATOR_URL" "$REDIS_URL"

curl -sf -X POST "$base/_emulator/reset" >/dev/null   # the configured secrets again
"${run[@]}" "$build/test_login" "$base"
"${run[@]}" "$build/test_hostile" "$base" "$build/hostile_vectors.txt"
"${run[@]}" "$build/test_abi_edges" "$base"
"${run[@]}" "$build/test_cpp_wrapper" "$base" "$build/login_vectors.txt"
export VIPPS_ENV=$base VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
"${run[@]}" "$build/token_service" | tee "$build/token_service.out"
grep -q "a login starts at $base/access-management-1.0/access/oauth2/auth;" "$build/token_service.out"
"${run[@]}" "$build/app" | grep -q '^Authorization: Bearer <'
"$build/app_static" | grep -q '^Authorization: Bearer <'
if VIPPS_CLIENT_SECRET=wrong "$build/app" 2>/dev/null; then echo "app.c: a wrong secret must fail"; exit 1; fi
# Settings from the environment: a missing or unknown one is named, with what to set.
refused() { local program=$1; shift; ! env "$@" "$build/$program" 2>&1 >/dev/null </dev/null; }
refused app -u VIPPS_ENV | grep -q 'VIPPS_ENV: not set; set it to `test`, `production`'
refused app VIPPS_ENV=prod | grep -q 'expected `test`, `production` or a base URL, got `prod`'
refused app -u VIPPS_SUBSCRIPTION_KEY | grep -q 'VIPPS_SUBSCRIPTION_KEY: not set; copy it from'
echo "C: the README's app.c ran, linked shared (pkg-config, rpath) and static (CMake)"
# login.c prints the authorize URL and reads the URL that came back (played here), then waits
# for a phone login the emulator's test user approves.
python3 scripts/lib/play_browser.py "${run[@]}" "$build/login" | grep -q '^welcome, Kari Nordmann$'
refused login -u VIPPS_CLIENT_ID | grep -q 'VIPPS_CLIENT_ID: not set; copy it from'
echo "C: the README's login.c logged in from a browser and from a phone, under valgrind"

# The same programs built with -fsanitize=address,undefined, stopping at the first finding
# (LeakSanitizer included), each against an emulator of its own state.
sanitized=bindings/c/build-asan
cmake -S bindings/c -B "$sanitized" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug -DVIPPS_SANITIZE=ON >/dev/null
cmake --build "$sanitized" --parallel 2 >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
start_emulator --phone-interval 1 --approval-delay 1
"$sanitized/test_tokens" "$EMULATOR_URL" "$build/vectors.txt"
"$sanitized/test_login_vectors" "$build/login_vectors.txt"
"$sanitized/test_phone_vectors" "$build/phone_vectors.txt"
"$sanitized/test_app_vectors" "$build/app_vectors.txt"
curl -sf -X POST "$EMULATOR_URL/_emulator/reset" >/dev/null
"$sanitized/test_login" "$EMULATOR_URL"
"$sanitized/test_hostile" "$EMULATOR_URL" "$build/hostile_vectors.txt"
"$sanitized/test_abi_edges" "$EMULATOR_URL"
"$sanitized/test_cpp_wrapper" "$EMULATOR_URL" "$build/login_vectors.txt"
VIPPS_ENV=$EMULATOR_URL "$sanitized/token_service" >/dev/null
start_emulator --token-lifetime 10
"$sanitized/test_token_lifecycle" "$EMULATOR_URL"
start_emulator --merchants 30
"$sanitized/test_capacity" "$EMULATOR_URL"
start_emulator --phone-interval 1 --approval-delay 2
"$sanitized/test_metrics" "$EMULATOR_URL"
start_emulator --phone-interval 1 --approval-delay 3
start_redis
"$sanitized/test_store" "$EMULATOR_URL" "$REDIS_URL"
echo "C: every C and C++ test passed again under AddressSanitizer and UndefinedBehaviorSanitizer"

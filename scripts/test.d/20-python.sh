#!/usr/bin/env bash
# Python: build the package from source with maturin into a venv, then pytest it against the
# emulator. The dev profile reuses what `cargo test` already compiled.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/python.sh

source scripts/lib/redis.sh
ensure_redis_server   # test_shared_store.py starts its own
cargo build --quiet --workspace
python_venv
PATH="$VENV/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" "$VENV/bin/pip" install --quiet --no-build-isolation --force-reinstall --no-deps ./bindings/python
VIPPS_AUTH_CLI="$TARGET_DIR/debug/vipps-auth" "$VENV/bin/python" -m pytest bindings/python/tests -q

# The package as its users' type checker sees it, the tests and every example: mypy --strict.
"$VENV/bin/mypy" --strict --no-incremental bindings/python/python/vipps_auth bindings/python/tests examples/*.py

# The README's Python quickstart, as written, against the emulator.
source scripts/lib/emulator.sh
start_emulator --phone-interval 1
VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456 "$VENV/bin/python" examples/quickstart.py |
  grep -q '^Authorization: Bearer <'
echo "the Python quickstart ran against the emulator"

# The README's Login quickstarts: the browser's part (following the 302) is played here.
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret
python3 scripts/lib/play_browser.py "$VENV/bin/python" examples/python_login.py
"$VENV/bin/python" examples/python_phone_login.py | grep -q '^welcome, Kari Nordmann$'
echo "the Python Login and phone-login quickstarts ran against the emulator"

# The README's fleet example, on a real Redis: run twice, the second run asks Vipps for no token.
start_redis
export VIPPS_REDIS_URL=$REDIS_URL VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
token_requests() { curl -s "$EMULATOR_URL/_emulator/requests" | python3 -c "
import json, sys; print(sum(r['path'] == '/accesstoken/get' for r in json.load(sys.stdin)['requests']))"; }
before=$(token_requests)
for run in 1 2; do python3 scripts/lib/play_browser.py "$VENV/bin/python" examples/python_fleet.py; done
[ $(($(token_requests) - before)) = 1 ] || { echo "the fleet example's second run asked Vipps for a token again"; exit 1; }
echo "the Python fleet example ran twice on one Redis: one token request, each login completed once"

#!/usr/bin/env bash
# Python: build the package from source with maturin into a venv, then pytest it against the
# emulator. The dev profile reuses what `cargo test` already compiled.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/python.sh

cargo build --quiet --workspace
python_venv
PATH="$VENV/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" "$VENV/bin/pip" install --quiet --no-build-isolation --force-reinstall --no-deps ./bindings/python
VIPPS_AUTH_CLI="$TARGET_DIR/debug/vipps-auth" "$VENV/bin/python" -m pytest bindings/python/tests -q

# The README's Python quickstart, as written, against the emulator.
source scripts/lib/emulator.sh
start_emulator
VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456 "$VENV/bin/python" examples/quickstart.py |
  grep -q '^Authorization: Bearer <'
echo "the Python quickstart ran against the emulator"

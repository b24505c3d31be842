#!/usr/bin/env bash
# The README's programs are files the suites build and run: check that each block is its
# file, then run the Rust one against the emulator (the other languages run theirs in their
# own steps).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check-readme.py

source scripts/lib/emulator.sh
start_emulator
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
cargo run --quiet --example quickstart | grep -q '^Authorization: Bearer <'
if VIPPS_CLIENT_SECRET=wrong cargo run --quiet --example quickstart 2>/dev/null; then
  echo "the Rust quickstart must fail with a wrong secret"; exit 1
fi
echo "the Rust quickstart ran against the emulator"

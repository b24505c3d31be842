#!/usr/bin/env bash
# The README's programs are files the suites build and run: check that each block is its
# file, then run the Rust ones against the emulator (the other languages run theirs in their
# own steps).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check-readme.py

source scripts/lib/emulator.sh
start_emulator --phone-interval 1
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
cargo run --quiet --example quickstart | grep -q '^Authorization: Bearer <'
if VIPPS_CLIENT_SECRET=wrong cargo run --quiet --example quickstart 2>/dev/null; then
  echo "the Rust quickstart must fail with a wrong secret"; exit 1
fi
echo "the Rust quickstart ran against the emulator"

# The Login and app-to-app examples: each prints the authorize URL and reads the URL that
# came back; the browser's (or the Vipps app's) part, following the redirect, is played here.
cargo build --quiet --example login --example app_to_app
for example in login app_to_app; do python3 scripts/lib/play_browser.py "$TARGET_DIR/debug/examples/$example"; done
echo "the Rust Login and app-to-app examples ran against the emulator"

# The phone-login example: the emulator's test user approves after two seconds.
cargo run --quiet --example phone_login 2>/dev/null | grep -q '^welcome, Kari Nordmann$'
echo "the Rust phone-login example ran against the emulator"

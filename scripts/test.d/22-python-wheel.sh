#!/usr/bin/env bash
# The wheel a user downloads: manylinux-tagged, installed into a fresh venv by a pip that sees
# no Rust toolchain and no package index, and then it gets a token from the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh

wheel=$(bindings/python/build-wheel.sh)
case "$(basename "$wheel")" in
  *-manylinux_2_17_x86_64.whl | *manylinux2014_x86_64*) ;;
  *) echo "not a manylinux wheel: $wheel"; exit 1 ;;
esac

bare=(env -i HOME="$HOME" PATH=/usr/bin:/bin)   # no ~/.cargo/bin, no pyenv shims
if "${bare[@]}" sh -c 'command -v cargo || command -v rustc'; then echo "Rust is still on PATH"; exit 1; fi
fresh=$TARGET_DIR/venv-wheel
rm -rf "$fresh"
python3 -m venv "$fresh"
"${bare[@]}" "$fresh/bin/pip" install --quiet --no-index "$wheel"

start_emulator
"${bare[@]}" VIPPS_ENV="$EMULATOR_URL" VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456 "$fresh/bin/python" examples/quickstart.py |
  grep -q '^Authorization: Bearer <'
echo "$(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB): installed without Rust, got a token"

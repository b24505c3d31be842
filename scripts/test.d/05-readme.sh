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

# The Login example: it prints the authorize URL and reads the callback URL; a browser's
# part (following the redirect) is played here.
cargo build --quiet --example login
python3 - "$TARGET_DIR/debug/examples/login" <<'PY'
import subprocess, sys, urllib.error, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
example = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
url = example.stdout.readline().strip()
try:
    urllib.request.build_opener(NoRedirect).open(url)
    raise SystemExit("authorize did not redirect")
except urllib.error.HTTPError as answer:
    callback = answer.headers["Location"]
out, _ = example.communicate(callback + "\n", timeout=30)
assert example.returncode == 0 and "logged in: Kari Nordmann" in out, (example.returncode, out)
print("the Rust Login example ran against the emulator")
PY

# The phone-login example: the emulator's test user approves after two seconds.
cargo run --quiet --example phone_login 2>/dev/null | grep -q '^welcome, Kari Nordmann$'
echo "the Rust phone-login example ran against the emulator"

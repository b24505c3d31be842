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
python3 - "$TARGET_DIR/debug/examples/login" "$TARGET_DIR/debug/examples/app_to_app" <<'PY'
import subprocess, sys, urllib.error, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
for program in sys.argv[1:]:
    example = subprocess.Popen([program], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = example.stdout.readline().strip()
    try:
        urllib.request.build_opener(NoRedirect).open(url)
        raise SystemExit("authorize did not redirect")
    except urllib.error.HTTPError as answer:
        callback = answer.headers["Location"]
    out, _ = example.communicate(callback + "\n", timeout=30)
    assert example.returncode == 0 and "logged in: Kari Nordmann" in out, (program, example.returncode, out)
print("the Rust Login and app-to-app examples ran against the emulator")
PY

# The phone-login example: the emulator's test user approves after two seconds.
cargo run --quiet --example phone_login 2>/dev/null | grep -q '^welcome, Kari Nordmann$'
echo "the Rust phone-login example ran against the emulator"

#!/usr/bin/env bash
# Login from phone number from a shell against the emulator: approved (claims + userinfo as
# JSON, one progress line per poll when stderr is a pipe), declined (exit 3), expired
# (exit 4), Ctrl-C (exit 130, nothing sent after), the redirect variant (URL on stdin),
# user-exists, and a number without a country code refused before any request.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator --phone-interval 1 --approval-delay 1 --phone-max-expiry 3
make_work_dir
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret
polls() { curl -s "$EMULATOR_URL/_emulator/requests" | python3 -c '
import json, sys
print(sum(r["path"].endswith("/oauth2/token") for r in json.load(sys.stdin)["requests"]))'; }

"$bin" phone-login --phone "+47 123 45 678" --binding-message AB-123 >"$work/out" 2>"$work/err"
python3 -c '
import json, sys
login = json.load(open(sys.argv[1]))
assert login["claims"]["sub"] and login["userinfo"]["phone_number"] == "4712345678", login' "$work/out"
grep -q "AB-123" "$work/err" && grep -q "waiting for approval in the app … [0-9]* s, expires in [0-9]* s" "$work/err" \
  || { cat "$work/err"; exit 1; }
if grep -q "12345678" "$work/err"; then echo "the phone number leaked to stderr"; exit 1; fi

status=0; "$bin" phone-login --phone 4700000001 >/dev/null 2>&1 || status=$?
[ "$status" = 3 ] || { echo "a declined phone login must exit with 3, not $status"; exit 1; }
status=0; "$bin" phone-login --phone 4700000002 >/dev/null 2>&1 || status=$?
[ "$status" = 4 ] || { echo "an expired phone login must exit with 4, not $status"; exit 1; }

# Ctrl-C (SIGINT) while waiting: exit 130 at once, after the one poll at 1 s (left alone,
# it would poll at 2 s and expire at 3 s with exit 4).
before=$(polls)
"$bin" phone-login --phone 4700000002 >/dev/null 2>"$work/err" &
pid=$!
sleep 1.5
kill -INT "$pid"
status=0; wait "$pid" || status=$?
[ "$status" = 130 ] || { echo "Ctrl-C must exit with 130, not $status"; cat "$work/err"; exit 1; }
[ "$(polls)" = $((before + 1)) ] || { echo "polls went on after Ctrl-C: $((before)) -> $(polls)"; exit 1; }

# The redirect variant: the URL the phone opened arrives on stdin.
{
  sleep 1.5
  curl -s "$EMULATOR_URL/_emulator/phone-redirects" | python3 -c 'import json, sys; print(json.load(sys.stdin)["redirects"][-1])'
} | "$bin" phone-login --phone "+47 123 45 678" --redirect-uri https://example.com/app/callback >"$work/out" 2>/dev/null
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["claims"]["authReqId"]' "$work/out"

[ "$("$bin" user-exists --phone "+47 123 45 678")" = true ]
[ "$("$bin" user-exists --phone "+45 12 34 56 78")" = false ]
if err=$("$bin" phone-login --phone 12345678 2>&1); then echo "a number without a country code must fail"; exit 1; fi
echo "$err" | grep -q "no country code" || { echo "unclear error: $err"; exit 1; }
echo "CLI phone login ok: approved, declined, expired, Ctrl-C, redirect variant, user-exists"

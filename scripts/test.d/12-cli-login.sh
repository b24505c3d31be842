#!/usr/bin/env bash
# Login from a shell against the emulator: login-url -> (follow the 302) -> exchange, a
# cancelled login (exit status 3), a replayed callback, userinfo, doctor.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator
make_work_dir
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret
redirect=https://example.com/app/callback

url=$("$bin" login-url --redirect-uri "$redirect" --scope "openid name email" --pending-file "$work/pending" 2>/dev/null)
[ "$(stat -c %a "$work/pending")" = 600 ] || { echo "the pending file is readable by others"; exit 1; }
callback=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
json=$("$bin" exchange --pending-file "$work/pending" --callback "$callback" --userinfo)
token=$(python3 -c '
import json, sys
login = json.loads(sys.argv[1])
assert login["claims"]["aud"] == ["emu-client-id"] and login["claims"]["sub"], login["claims"]
assert login["userinfo"]["given_name"] == "Kari" and login["userinfo"]["email_verified"] is True, login["userinfo"]
print(login["access_token"])' "$json")
"$bin" userinfo --access-token "$token" | python3 -c 'import json, sys; assert json.load(sys.stdin)["name"] == "Kari Nordmann"'

# The same callback again: refused, one line with a hint, exit status 1.
if err=$("$bin" exchange --pending-file "$work/pending" --callback "$callback" 2>&1); then echo "a replay must fail"; exit 1; fi
echo "$err" | grep -q 'invalid_grant.*hint:' || { echo "unclear replay error: $err"; exit 1; }

# Cancelled on the consent page: exit status 3.
url=$("$bin" login-url --redirect-uri "$redirect" --pending-file "$work/pending" 2>/dev/null)
ticket=$(curl -s "$url&_emulator_consent=page" | sed -n 's/.*name="ticket" value="\([0-9a-f]*\)".*/\1/p')
callback=$(curl -s -o /dev/null -w '%{redirect_url}' -d "ticket=$ticket&decision=cancel" \
  "$EMULATOR_URL/access-management-1.0/access/oauth2/auth/consent")
status=0
"$bin" exchange --pending-file "$work/pending" --callback "$callback" 2>/dev/null || status=$?
[ "$status" = 3 ] || { echo "a cancelled login must exit with 3, not $status"; exit 1; }

# A redirect URI that breaks Vipps' rules never leaves the machine.
if "$bin" login-url --redirect-uri "myapp://" --pending-file "$work/p2" 2>/dev/null; then echo "myapp:// must be refused"; exit 1; fi

VIPPS_SUBSCRIPTION_KEY=emu-subscription-key "$bin" doctor --redirect-uri "$redirect" >"$work/doctor"
grep -q '^ok    discovery' "$work/doctor" && grep -q '^ok    keys' "$work/doctor" && grep -q '^ok    redirect URI' "$work/doctor"
if VIPPS_CLIENT_SECRET=wrong VIPPS_SUBSCRIPTION_KEY=emu-subscription-key "$bin" doctor >"$work/doctor"; then
  echo "doctor must fail with a wrong secret"; exit 1
fi
grep -q '^FAIL  keys: .*invalid_client' "$work/doctor" || { cat "$work/doctor"; exit 1; }
# A missing or wrong variable: the SDK's own message, the same as `token` gives.
err=$(env -u VIPPS_CLIENT_ID "$bin" login-url --redirect-uri "$redirect" --pending-file "$work/p3" 2>&1) &&
  { echo "a missing VIPPS_CLIENT_ID must fail"; exit 1; }
echo "$err" | grep -q 'VIPPS_CLIENT_ID: not set; copy it from the Vipps MobilePay portal' || { echo "unclear: $err"; exit 1; }
err=$(VIPPS_LOGIN_AUTH=jwt "$bin" login-url --redirect-uri "$redirect" --pending-file "$work/p3" 2>&1) &&
  { echo "an unknown VIPPS_LOGIN_AUTH must fail"; exit 1; }
echo "$err" | grep -q 'VIPPS_LOGIN_AUTH: `jwt` is not one of `basic` (the default), `post` or `partner`' ||
  { echo "unclear: $err"; exit 1; }
echo "CLI Login ok: login-url, exchange, userinfo, cancelled, replay, doctor, missing keys"

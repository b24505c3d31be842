#!/usr/bin/env bash
# App-to-app from a shell against the emulator: both flows with the pending login kept in a
# file between steps (as a killed app would), app-callback's JSON for each kind of URL, and
# app-links writing and checking the association files (from a directory and from a site).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator
make_work_dir
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret
redirect=https://example.com/app/callback
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# The simple flow: straight back to the universal link with a code.
url=$("$bin" login-url --flow app-to-app-v2 --redirect-uri "$redirect" --pending-file "$work/p" 2>"$work/err")
if grep -q warning "$work/err"; then echo "a universal link must not warn"; exit 1; fi
opened=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
out=$("$bin" app-callback "$opened" --pending-file "$work/p")
[ "$(field "$out" kind)" = code ] || { echo "$out"; exit 1; }
"$bin" exchange --pending-file "$work/p" --callback "$opened" | python3 -c 'import json, sys; assert json.load(sys.stdin)["claims"]["sub"]'

# The advanced flow: the app callback with resume_uri, then the browser session goes on.
url=$("$bin" login-url --flow app-to-app --app-callback-uri com.example.app://callback --redirect-uri "$redirect" \
  --pending-file "$work/p" 2>"$work/err")
grep -q "warning: app_callback_uri uses a custom scheme" "$work/err" || { cat "$work/err"; exit 1; }
opened=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
out=$("$bin" app-callback "$opened" --pending-file "$work/p")
[ "$(field "$out" kind)" = resume ] || { echo "$out"; exit 1; }
opened=$(curl -s -o /dev/null -w '%{redirect_url}' "$(field "$out" resume_uri)")
"$bin" exchange --pending-file "$work/p" --callback "$opened" >/dev/null

out=$("$bin" app-callback "com.example.app://settings" --pending-file "$work/p")
[ "$(field "$out" kind)" = not_ours ] || { echo "$out"; exit 1; }

# Association files: written, checked from the directory and from the emulator's site.
fp=$(python3 -c 'print(":".join(["A0"] * 32))')
"$bin" app-links --ios ABCDE12345.com.example.app --android "com.example.app:$fp" --path /app/callback --out "$work/site" >/dev/null 2>&1
"$bin" app-links check "$work/site" --redirect-uri "$redirect" >"$work/check"
grep -q "^ios: opens the app" "$work/check" && grep -q "^android: opens the app" "$work/check" || { cat "$work/check"; exit 1; }
"$bin" app-links check "$EMULATOR_URL" --redirect-uri "$redirect" >"$work/check" 2>/dev/null || { cat "$work/check"; exit 1; }
if "$bin" app-links check "$work/site" --redirect-uri https://example.com/elsewhere >"$work/check"; then
  echo "a path no file covers must fail the check"; exit 1
fi
grep -q "^ios: will not open the app: no applinks entry covers the path /elsewhere" "$work/check" || { cat "$work/check"; exit 1; }
if err=$("$bin" app-links --ios abc.com.example.app --path /app/callback --out "$work/x" 2>&1); then exit 1; fi
echo "$err" | grep -q "team id" || { echo "unclear error: $err"; exit 1; }
echo "CLI app-to-app ok: both flows with the pending login in a file, app-callback, app-links"

#!/usr/bin/env bash
# The CLI against the emulator as a separate process: `emulator`, `token`, errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator
base=$EMULATOR_URL
echo "emulator at $base"

export VIPPS_ENV="$base" VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
json=$("$bin" token --json)
python3 -c 'import json,sys; t=json.loads(sys.argv[1]); assert t["token_type"]=="Bearer" and t["expires_in"]>3500 and len(t["access_token"])>100, t' "$json"
"$bin" token --specialized | grep -q '^eyJ'
if err=$(VIPPS_CLIENT_SECRET=wrong "$bin" token 2>&1); then echo "a wrong secret must fail"; exit 1; fi
echo "$err" | grep -q 'invalid_client' && echo "$err" | grep -q 'hint:'
if echo "$err" | grep -q 'emu-subscription-key'; then echo "secret in error output"; exit 1; fi
if VIPPS_CLIENT_ID= "$bin" token 2>/dev/null; then echo "missing settings must fail"; exit 1; fi
# No silent default environment: the keys would go to a host nobody chose.
err=$(env -u VIPPS_ENV "$bin" token 2>&1) && { echo "a missing VIPPS_ENV must fail"; exit 1; }
echo "$err" | grep -q 'VIPPS_ENV: not set; set it to .test., .production.' || { echo "unclear: $err"; exit 1; }
err=$(VIPPS_ENV=staging "$bin" token 2>&1) && { echo "an unknown VIPPS_ENV must fail"; exit 1; }
echo "$err" | grep -q 'hint:' || { echo "a configuration error without a hint: $err"; exit 1; }
# A network error names the host and path that failed.
err=$(VIPPS_ENV=http://127.0.0.1:9 "$bin" token 2>&1) && { echo "nobody listens on port 9"; exit 1; }
echo "$err" | grep -q 'http://127.0.0.1:9/accesstoken/get' || { echo "the failing URL is not named: $err"; exit 1; }
curl -sf "$base/_emulator/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; assert [x["status"] for x in r]==[200,200,401], r'
# The metrics of one command: the token line first, then the series; a refusal counts too.
out=$("$bin" metrics token)
[ "$(echo "$out" | head -n1 | cut -c1-3)" = eyJ ] || { echo "metrics token: the token first"; exit 1; }
echo "$out" | grep -qx 'vipps_auth_requests_total{endpoint="access_token",outcome="2xx"} 1'
echo "$out" | grep -qx 'vipps_auth_token_gets_total{level="fetched"} 1'
make_work_dir
VIPPS_CLIENT_SECRET=wrong "$bin" metrics --json --out "$work/metrics.json" token 2>/dev/null && { echo "a wrong secret must fail"; exit 1; }
python3 - "$work/metrics.json" <<'PY'
import json, sys
families = {f["name"]: f for f in json.load(open(sys.argv[1]))["families"]}
value = lambda name, **labels: sum(s["value"] for s in families[name]["samples"] if labels.items() <= s["labels"].items())
assert value("vipps_auth_token_errors_total", kind="server_refused") == 1, families["vipps_auth_token_errors_total"]
assert value("vipps_auth_requests_total", endpoint="access_token", outcome="4xx") == 1
PY
# After the demo: every job's series moved.
"$bin" metrics --out "$work/demo.prom" >/dev/null
for series in 'vipps_auth_logins_total{event="completed"}' 'vipps_auth_phone_logins_total{event="completed"}' \
  'vipps_auth_retries_total{endpoint="access_token"}' 'vipps_auth_app_urls_total{outcome="code"}'; do
  grep -q "^$series [1-9]" "$work/demo.prom" || { echo "after the demo, $series is 0"; exit 1; }
done
echo "CLI ok"

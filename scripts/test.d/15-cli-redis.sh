#!/usr/bin/env bash
# The CLI on a shared Redis, as a fleet's cron jobs and shells use it: a token fetched by one
# `vipps-auth token --redis` is printed by the next without a request; a login kept by
# `login-url --redis` is completed by `exchange --redis` (any machine) once.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
source scripts/lib/redis.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator
start_redis
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret
export VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456 VIPPS_REDIS_URL=$REDIS_URL
requests() { curl -s "$EMULATOR_URL/_emulator/requests" | python3 -c "
import json, sys; print(sum(r['path'] == sys.argv[1] for r in json.load(sys.stdin)['requests']))" "$1"; }

first=$("$bin" token)
second=$("$bin" token)
[ "$first" = "$second" ] && [ "$(requests /accesstoken/get)" = 1 ] ||
  { echo "the second process asked Vipps again"; exit 1; }
redis-cli -u "$REDIS_URL" --no-raw keys '*' | grep -q emu-client-id && { echo "a client id in clear in Redis"; exit 1; }

url=$("$bin" login-url --redirect-uri https://example.com/app/callback --scope "openid name" 2>/dev/null)
callback=$(curl -s -o /dev/null -w '%{redirect_url}' "$url")
"$bin" exchange --callback "$callback" | python3 -c 'import json, sys; assert json.load(sys.stdin)["claims"]["sub"]'
exchanges=$(requests /access-management-1.0/access/oauth2/token)
if err=$("$bin" exchange --callback "$callback" 2>&1); then echo "a second exchange must fail"; exit 1; fi
echo "$err" | grep -q 'state mismatch' || { echo "unclear replay error: $err"; exit 1; }
[ "$(requests /access-management-1.0/access/oauth2/token)" = "$exchanges" ] || { echo "a replay reached Vipps"; exit 1; }
# VIPPS_REDIS_URL set for the fleet does not stand in the way of a pending file.
make_work_dir
url=$("$bin" login-url --redirect-uri https://example.com/app/callback --pending-file "$work/pending" 2>/dev/null)
"$bin" exchange --pending-file "$work/pending" --callback "$(curl -s -o /dev/null -w '%{redirect_url}' "$url")" >/dev/null
echo "CLI on Redis ok: one token request for two processes, a login kept in Redis completed once"

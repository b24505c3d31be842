#!/usr/bin/env bash
# The CLI on a shared Redis, as a fleet's cron jobs and shells use it: a token fetched by one
# `vipps-auth token --redis` is printed by the next without a request; a login kept by
# `login-url --redis` is completed by `exchange --redis` (any machine) once; a phone login
# started with `phone-login --redis` is waited on by a second machine (`--resume`), the two
# polling in turns, and ends once.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
source scripts/lib/redis.sh
bin=$TARGET_DIR/debug/vipps-auth
start_emulator --phone-interval 1 --approval-delay 3
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

# Two machines wait on one phone login: the user approves after 3 s, polls may leave every
# second, so the fleet polls 3 times (two waiters polling on their own would poll about 6).
polls_before=$(requests /access-management-1.0/access/oauth2/token)
"$bin" phone-login --phone "+47 123 45 678" >"$work/a.out" 2>"$work/a.err" &
first=$!
for _ in $(seq 50); do grep -q -- '--resume ' "$work/a.err" && break; sleep 0.1; done
auth_req_id=$(sed -n 's/.*--resume \([^ ]*\).*/\1/p' "$work/a.err")
[ -n "$auth_req_id" ] || { echo "phone-login --redis did not say how to resume"; cat "$work/a.err"; exit 1; }
status_b=0; "$bin" phone-login --resume "$auth_req_id" >"$work/b.out" 2>"$work/b.err" || status_b=$?
status_a=0; wait "$first" || status_a=$?
completed=$(cat "$work/a.out" "$work/b.out" | python3 -c '
import json, sys; print(sum(bool(json.loads(line)["claims"]["sub"]) for line in sys.stdin if line.strip()))')
[ "$completed" = 1 ] && [ $((status_a + status_b)) = 1 ] ||
  { echo "one phone login must complete once: exits $status_a/$status_b"; cat "$work/a.err" "$work/b.err"; exit 1; }
grep -q "state mismatch" "$work/a.err" "$work/b.err" || { echo "the second waiter must hear the login ended"; exit 1; }
polls=$(( $(requests /access-management-1.0/access/oauth2/token) - polls_before ))
[ "$polls" -le 4 ] || { echo "two waiters polled $polls times: not in turns"; exit 1; }
echo "CLI on Redis ok: one token request for two processes, a login kept in Redis completed once, a phone login waited on by two machines completed once ($polls polls)"

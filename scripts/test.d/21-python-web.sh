#!/usr/bin/env bash
# The Python web example (Flask, examples/python-web-login) in a real headless Chromium:
# Debian's chromium and chromium-driver, installed here when missing (as root), never
# downloaded by the test. Log in, cancel, replay.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/python.sh

if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "chromium and chromium-driver are needed (apt-get install chromium chromium-driver)"; exit 1
  fi
fi

cargo build --quiet --workspace
python_venv
PATH="$VENV/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" "$VENV/bin/pip" install --quiet --no-build-isolation --force-reinstall --no-deps ./bindings/python
"$VENV/bin/pip" install --quiet "flask>=3,<4" "selenium>=4.20,<5"
MYPYPATH=bindings/python/tests "$VENV/bin/mypy" --strict --no-incremental examples/python-web-login

# The example's README, as written: the emulator with its consent page, then `flask --app app run`.
source scripts/lib/emulator.sh
start_emulator --consent-page
port=$("$VENV/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
(cd examples/python-web-login && VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id \
  VIPPS_CLIENT_SECRET=emu-client-secret PUBLIC_URL=http://127.0.0.1:$port \
  exec "$VENV/bin/flask" --app app run --port "$port" >/dev/null 2>&1) &
flask_pid=$!
trap 'kill "$flask_pid" "${EMULATOR_PIDS[@]}" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
location=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$port/login")
case $location in
  "$EMULATOR_URL"/access-management-1.0/access/oauth2/auth?*) echo "the Flask example's run line works as written" ;;
  *) echo "flask --app app run: /login did not send the browser to the emulator (got '$location')"; exit 1 ;;
esac
kill "$flask_pid"

cd examples/python-web-login
SE_OFFLINE=true VIPPS_AUTH_CLI="$TARGET_DIR/debug/vipps-auth" "$VENV/bin/python" -m pytest -q -p no:cacheprovider test_browser.py

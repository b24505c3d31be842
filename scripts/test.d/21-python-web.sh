#!/usr/bin/env bash
# The Python web examples (Flask: examples/python-web-login; FastAPI: examples/python-fastapi-login)
# in a real headless Chromium: Debian's chromium and chromium-driver, installed here when
# missing (as root), never downloaded by the test. Each README's run line as written, then
# log in, cancel, replay.
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
for example in examples/python-web-login examples/python-fastapi-login; do
  MYPYPATH=bindings/python/tests "$VENV/bin/mypy" --strict --no-incremental "$example"
done

source scripts/lib/emulator.sh
start_emulator --consent-page
free_port() { "$VENV/bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

# Starts an example as its README says (the command after the folder), and checks /login sends
# the browser to the emulator.
runs_as_written() {
  local folder=$1 port=$2; shift 2
  (cd "$folder" && VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id \
    VIPPS_CLIENT_SECRET=emu-client-secret PUBLIC_URL=http://127.0.0.1:$port exec "$@" >/dev/null 2>&1) &
  local pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  local location
  location=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$port/login")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  case $location in
    "$EMULATOR_URL"/access-management-1.0/access/oauth2/auth?*) echo "$folder: the README's run line works as written" ;;
    *) echo "$folder: /login did not send the browser to the emulator (got '$location')"; exit 1 ;;
  esac
}
port=$(free_port)
runs_as_written examples/python-web-login "$port" "$VENV/bin/flask" --app app run --port "$port"
port=$(free_port)
runs_as_written examples/python-fastapi-login "$port" "$VENV/bin/uvicorn" --factory app:create_app --port "$port"
grep -q 'flask --app app run --port 8000' examples/python-web-login/README.md
grep -q 'uvicorn --factory app:create_app --port 8000' examples/python-fastapi-login/README.md

for example in examples/python-web-login examples/python-fastapi-login; do
  (cd "$example" && SE_OFFLINE=true VIPPS_AUTH_CLI="$TARGET_DIR/debug/vipps-auth" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider test_browser.py)
done

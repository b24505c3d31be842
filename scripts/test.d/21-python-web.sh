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
cd examples/python-web-login
SE_OFFLINE=true VIPPS_AUTH_CLI="$TARGET_DIR/debug/vipps-auth" "$VENV/bin/python" -m pytest -q -p no:cacheprovider test_browser.py

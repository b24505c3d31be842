#!/usr/bin/env bash
# On a Mac: builds the XCFramework, starts the emulator and runs `swift test` against it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
PROFILE=debug "$here/build-xcframework.sh"
source scripts/lib/emulator.sh
start_emulator --phone-interval 1 --approval-delay 1 --phone-max-expiry 3
cd "$here"
VIPPS_EMULATOR_URL=$EMULATOR_URL VIPPS_VECTORS="$here/../../tests/vectors/token_responses.json" swift test

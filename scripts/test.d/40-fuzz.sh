#!/usr/bin/env bash
# Every fuzz target for a short while (10 s each), after replaying the inputs that once
# crashed it (fuzz/regressions/). Longer runs: scripts/fuzz.sh SECONDS.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/fuzz.sh 10

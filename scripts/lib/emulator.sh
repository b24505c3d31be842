# Sourced by scripts: start_emulator runs `vipps-auth emulator` on a free port, sets
# EMULATOR_URL and EMULATOR_PID, and stops it when the calling script exits. Called again, it
# starts one more; every one is stopped. make_work_dir sets `work` to a temporary directory
# removed at the same time.
source "$(dirname "${BASH_SOURCE[0]}")/cargo.sh"

EMULATOR_PIDS=()
WORK_DIRS=()
trap 'kill "${EMULATOR_PIDS[@]}" 2>/dev/null || true; rm -rf "${WORK_DIRS[@]}"' EXIT

make_work_dir() {
  work=$(mktemp -d)
  WORK_DIRS+=("$work")
}

start_emulator() {
  cargo build --quiet --workspace
  local out
  out=$(mktemp)
  "$TARGET_DIR/debug/vipps-auth" emulator --port 0 "$@" >"$out" 2>/dev/null &
  EMULATOR_PID=$!
  EMULATOR_PIDS+=("$EMULATOR_PID")
  for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
  EMULATOR_URL=$(head -n1 "$out")
  rm -f "$out"
  [ -n "$EMULATOR_URL" ] || { echo "the emulator did not start" >&2; return 1; }
}

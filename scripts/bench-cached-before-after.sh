#!/usr/bin/env bash
# The cached token get from C, Python and Kotlin at an earlier commit and at this tree, one
# after the other on this machine, each beside the floor its own bench measures in the same
# run (a `version()` call): compare get ÷ floor, not the raw figures, which drift with load.
# The C and Python benches are this tree's, run against each library; Kotlin's is each tree's
# own (the JVM bench must be compiled with its bindings).
# Usage: scripts/bench-cached-before-after.sh REV   (say, the commit before a change)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/bench-cached-before-after.sh REV}
source scripts/lib/cargo.sh
source scripts/lib/emulator.sh
work=$TARGET_DIR/before-after
before=$work/tree
rm -rf "$before" && git worktree prune && mkdir -p "$work"
git worktree add --quiet --detach "$before" "$rev"
trap 'git worktree remove --force "$before"' EXIT

# The benches of one tree, each built from that tree (the shared target keeps it incremental).
bench_tree() {
  local tree=$1 name=$2 out=$work/$2
  mkdir -p "$out"
  echo "== $name ($(git -C "$tree" rev-parse --short HEAD))"
  (cd "$tree" && scripts/install-c.sh "$out/prefix" release >/dev/null)
  cc -O2 -o "$out/bench_cached" bindings/c/bench/bench_cached.c -I"$out/prefix/include" \
    -L"$out/prefix/lib" -Wl,-rpath,"$out/prefix/lib" -lvipps_auth
  "$out/bench_cached" "$EMULATOR_URL"
  [ -x "$out/venv/bin/maturin" ] || { python3 -m venv "$out/venv" && "$out/venv/bin/pip" install --quiet "maturin>=1.9,<2"; }
  PATH="$out/venv/bin:$PATH" "$out/venv/bin/pip" install --quiet --no-build-isolation --force-reinstall \
    --no-deps "$tree/bindings/python"
  "$out/venv/bin/python" bindings/python/bench/bench_cached.py "$EMULATOR_URL"
  mvn -B -q -f "$tree/bindings/kotlin" test-compile -Drust.profile.dir=release -Dcargo.target.dir="$TARGET_DIR" >/dev/null
  mvn -B -q -f "$tree/bindings/kotlin" dependency:build-classpath -Dmdep.outputFile="$out/kotlin.cp" \
    -Dmdep.includeScope=test >/dev/null
  java -cp "$tree/bindings/kotlin/target/classes:$tree/bindings/kotlin/target/test-classes:$(cat "$out/kotlin.cp")" \
    no.vipps.auth.bench.CachedGetBenchKt "$EMULATOR_URL"
}

start_emulator
bench_tree "$before" before
bench_tree "$PWD" after

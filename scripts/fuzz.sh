#!/usr/bin/env bash
# Fuzzes every parser of untrusted input (fuzz/fuzz_targets/), or the TARGETs named, for
# SECONDS each (default 60). Usage: scripts/fuzz.sh [SECONDS [TARGET...]]
# Builds the targets with libFuzzer's coverage instrumentation on the installed stable
# toolchain (RUSTC_BOOTSTRAP=1 for this build only; no cargo-fuzz needed), seeds each corpus
# from tests/vectors/, replays fuzz/regressions/<target>/ first, then prints executions,
# coverage and findings per target. A crash fails the run and leaves its input in
# $TARGET_DIR/fuzz/artifacts/<target>/: copy it to fuzz/regressions/<target>/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/cargo.sh
seconds=${1:-60}
shift || true
out=$TARGET_DIR/fuzz

# What cargo-fuzz passes: coverage counters, comparisons traced, and `--cfg fuzzing`.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
# An explicit --target keeps the flags off build scripts and proc macros, as cargo-fuzz does.
host=$(rustc -vV | sed -n 's/^host: //p')
RUSTC_BOOTSTRAP=1 cargo build --quiet --release --manifest-path fuzz/Cargo.toml --target-dir "$out/target" \
  --target "$host" --bins
unset RUSTFLAGS
python3 fuzz/seeds.py tests/vectors "$out/corpus"

failed=0
printf '%-22s %12s %8s %8s %8s  %s\n' target executions cov features corpus findings
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(basename -s .rs fuzz/fuzz_targets/*.rs))
for target in "${targets[@]}"; do
  binary=$out/target/$host/release/$target
  mkdir -p "$out/corpus/$target" "$out/artifacts/$target"
  regressions=(fuzz/regressions/"$target"/*)
  if [ -e "${regressions[0]}" ] && ! "$binary" "${regressions[@]}" >"$out/$target.regressions.log" 2>&1; then
    echo "$target: a regression input fails again (see $out/$target.regressions.log)"
    failed=1
    continue
  fi
  log=$out/$target.log
  status=0
  "$binary" "$out/corpus/$target" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$target/" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  progress=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$progress")
  features=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$progress")
  corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$progress")
  findings=$(find "$out/artifacts/$target" -type f | wc -l)
  printf '%-22s %12s %8s %8s %8s  %s\n' "$target" "${executions:-?}" "${cov:-?}" "${features:-?}" "${corpus:-?}" "$findings"
  if [ "$status" != 0 ]; then
    echo "$target: libFuzzer stopped with status $status:"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -n 8
    failed=1
  fi
done
exit "$failed"

#!/usr/bin/env bash
# Every test in every language. Installs what it needs; safe to run on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "Rust: build and test the workspace (core, emulator, CLI)"
source scripts/lib/redis.sh
ensure_redis_server
cargo test --workspace --all-targets --quiet
# The `metrics` facade feature: the application's own recorder sees the same series.
cargo test --features metrics --test metrics_facade --quiet
# The `tracing` feature: request attempts and login steps as spans, without secrets.
cargo test --features tracing --test tracing_spans --quiet

step "Rust: the demo runs and every claim holds"
cargo run --quiet --bin vipps-auth -- demo   # default members: no feature-set rebuild

for part in scripts/test.d/*.sh; do
  [ -e "$part" ] || continue
  step "$(basename "$part" .sh)"
  bash "$part"
done

step "all tests passed"

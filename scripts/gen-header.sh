#!/usr/bin/env bash
# Regenerates include/vipps_auth.h from src/capi with the pinned cbindgen.
# With --check, fails if the committed header differs from a fresh one.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.29.4
if ! cbindgen --version 2>/dev/null | grep -q "$version"; then
  cargo install cbindgen --version "$version" --locked --quiet
fi
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
cbindgen --config cbindgen.toml --crate vipps-auth --output "$fresh" --quiet
if [ "${1:-}" = "--check" ]; then
  if ! diff -u include/vipps_auth.h "$fresh"; then
    echo "include/vipps_auth.h is stale: run scripts/gen-header.sh and commit it" >&2
    exit 1
  fi
  echo "header is fresh"
else
  cp "$fresh" include/vipps_auth.h
  echo "wrote include/vipps_auth.h"
fi

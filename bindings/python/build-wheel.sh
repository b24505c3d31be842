#!/usr/bin/env bash
# Builds the release wheel that other machines can install: manylinux2014 (glibc 2.17+),
# linked with zig (from PyPI) against the old glibc symbols, into OUT_DIR (default: the cargo
# target directory's wheels/). Prints the wheel's path.
#
# The library is built with its symbol table (uniffi-bindgen reads the bindings' metadata
# from it, and zig's linker would otherwise strip it), then stripped inside the wheel.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/python.sh
python_venv
"$VENV/bin/pip" install --quiet "ziglang==0.13.0"
out=${1:-$TARGET_DIR/wheels}
rm -rf "$out"
(cd bindings/python && CARGO_PROFILE_RELEASE_STRIP=false PATH="$VENV/bin:$PATH" \
  maturin build --quiet --release --zig --compatibility manylinux2014 --out "$out" >&2)
wheel=$(ls "$out"/vipps_auth-*.whl)
python3 bindings/python/strip_wheel.py "$wheel"
echo "$wheel"

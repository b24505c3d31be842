#!/usr/bin/env bash
# Puts the Rust library for this platform where JNA looks for it inside a jar:
# OUT_DIR/<os>-<arch>/libvipps_auth.so (or .dylib/.dll). Maven adds OUT_DIR to the jar, so
# `java -cp` needs no jna.library.path (which still overrides it when set).
# Usage: native-resources.sh debug|release OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:?usage: native-resources.sh debug|release OUT_DIR}
out=${2:?usage: native-resources.sh debug|release OUT_DIR}
source scripts/lib/cargo.sh
# Release: the library alone (no bindgen or CLI features); debug: the tests' workspace build.
if [ "$profile" = release ]; then cargo build --quiet --release -p vipps-auth; else cargo build --quiet --workspace; fi

# JNA's resource prefix (com.sun.jna.Platform.RESOURCE_PREFIX) for the common platforms.
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  MINGW* | MSYS* | CYGWIN*) os=win32 ;;
  *) echo "no JNA prefix known for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86-64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) echo "no JNA prefix known for $(uname -m)" >&2; exit 1 ;;
esac
rm -rf "$out"
mkdir -p "$out/$os-$arch"
cp "$TARGET_DIR/$profile/$SHARED_LIB" "$out/$os-$arch/"
# Release ships without symbols: a third of the size.
if [ "$profile" = release ] && command -v strip >/dev/null; then
  if [ "$os" = darwin ]; then strip -x "$out/$os-$arch/$SHARED_LIB"; else strip --strip-unneeded "$out/$os-$arch/$SHARED_LIB"; fi
fi

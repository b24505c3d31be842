#!/usr/bin/env bash
# Installs the C library, header, pkg-config file and CMake package into PREFIX.
# Usage: scripts/install-c.sh PREFIX [debug|release]   (default release)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:?usage: scripts/install-c.sh PREFIX [debug|release]}
profile=${2:-release}
source scripts/lib/cargo.sh
# Release: the library alone, so no feature of the bindgen or the CLI ends up in what ships.
# Debug (the tests): the whole workspace, the feature set every test step shares.
if [ "$profile" = release ]; then cargo build --quiet --release -p vipps-auth; else cargo build --quiet --workspace; fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
mkdir -p "$prefix/lib/pkgconfig" "$prefix/lib/cmake/vipps_auth" "$prefix/include"
prefix=$(cd "$prefix" && pwd)
for lib in libvipps_auth.so libvipps_auth.dylib libvipps_auth.a; do
  [ -e "$TARGET_DIR/$profile/$lib" ] && cp "$TARGET_DIR/$profile/$lib" "$prefix/lib/"
done
cp include/vipps_auth.h include/vipps_auth.hpp "$prefix/include/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" bindings/c/vipps_auth.pc.in >"$prefix/lib/pkgconfig/vipps_auth.pc"
cp bindings/c/cmake/vipps_authConfig.cmake "$prefix/lib/cmake/vipps_auth/"
sed "s|@VERSION@|$version|" bindings/c/cmake/vipps_authConfigVersion.cmake.in >"$prefix/lib/cmake/vipps_auth/vipps_authConfigVersion.cmake"
echo "installed vipps-auth $version ($profile) into $prefix"

#!/usr/bin/env bash
# Builds VippsAuthFFI.xcframework (iOS devices, iOS simulators, macOS) next to Package.swift.
# Needs a Mac with Xcode and the Rust targets:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios \
#     aarch64-apple-darwin x86_64-apple-darwin
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
source scripts/lib/cargo.sh

profile=${PROFILE:-release}
build=$TARGET_DIR/xcframework
rm -rf "$build" "$here/VippsAuthFFI.xcframework"
mkdir -p "$build/headers" "$build/ios-sim" "$build/macos"

for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin; do
  cargo build --lib --profile "$profile" --target "$target" -p vipps-auth --no-default-features   # no Redis store on a phone
done
lib() { echo "$TARGET_DIR/$1/$profile/libvipps_auth.a"; }

# The C side of the bindings: header and module map, from the library's own metadata.
cargo build -p uniffi-bindgen
"$TARGET_DIR/debug/uniffi-bindgen" generate --library "$(lib aarch64-apple-darwin)" --language swift \
  --no-format --out-dir "$build/generated"
cp "$build/generated/VippsAuthFFI.h" "$build/headers/"
cp "$build/generated/VippsAuthFFI.modulemap" "$build/headers/module.modulemap"
cmp -s "$build/generated/VippsAuth.swift" "$here/Sources/VippsAuth/VippsAuth.swift" ||
  { echo "Sources/VippsAuth/VippsAuth.swift is stale: run scripts/gen-bindings.sh swift --update" >&2; exit 1; }

lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$build/ios-sim/libvipps_auth.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$build/macos/libvipps_auth.a"
xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$build/headers" \
  -library "$build/ios-sim/libvipps_auth.a" -headers "$build/headers" \
  -library "$build/macos/libvipps_auth.a" -headers "$build/headers" \
  -output "$here/VippsAuthFFI.xcframework"
echo "built $here/VippsAuthFFI.xcframework"

#!/usr/bin/env bash
# Packages vipps-auth as an Android library (AAR): the Kotlin bindings compiled by Maven,
# and libvipps_auth.so for each ABI built with cargo-ndk, laid out as jni/<abi>/.
#
# Needs the Android NDK (ANDROID_NDK_HOME) and, once:
#   cargo install cargo-ndk
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android
# Apps also depend on JNA's Android build: implementation("net.java.dev.jna:jna:5.17.0@aar").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
source scripts/lib/cargo.sh
out=$TARGET_DIR/android
abis=(arm64-v8a armeabi-v7a x86_64 x86)

[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "set ANDROID_NDK_HOME to an Android NDK" >&2; exit 1; }
command -v cargo-ndk >/dev/null || { echo "install cargo-ndk: cargo install cargo-ndk" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out/aar/jni"
# The minimum API level 24 matches the manifest; the .so files go to jni/<abi>/.
cargo ndk --platform 24 $(printf -- '-t %s ' "${abis[@]}") -o "$out/aar/jni" build --release -p vipps-auth --lib --no-default-features   # no Redis store on a phone

# The bindings' classes (no tests: they need the emulator and a host library).
mvn -B -q -f bindings/kotlin package -DskipTests -Dcargo.target.dir="$TARGET_DIR"
cp bindings/kotlin/target/vipps-auth-*.jar "$out/aar/classes.jar"
# The jar carries the build machine's library for plain JVMs; an AAR has its own in jni/.
zip -qd "$out/aar/classes.jar" 'linux-*' 'darwin-*' 'win32-*' >/dev/null || true
cp "$here/AndroidManifest.xml" "$here/proguard.txt" "$out/aar/"
: >"$out/aar/R.txt"
(cd "$out/aar" && rm -f jni/*/libvipps_auth.a && zip -qr "$out/vipps-auth.aar" .)
echo "built $out/vipps-auth.aar"

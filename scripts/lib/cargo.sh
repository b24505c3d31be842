# Sourced by scripts: where cargo puts what it builds (honours CARGO_TARGET_DIR and
# .cargo/config), and the file name of the shared library on this system.
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
case "$(uname -s)" in
  Darwin) SHARED_LIB=libvipps_auth.dylib ;;
  MINGW* | MSYS* | CYGWIN*) SHARED_LIB=vipps_auth.dll ;;
  *) SHARED_LIB=libvipps_auth.so ;;
esac
export TARGET_DIR SHARED_LIB

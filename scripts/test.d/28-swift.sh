#!/usr/bin/env bash
# Swift: no toolchain on Linux here, so the committed generated sources are checked to be
# fresh and every Swift file is syntax-checked with tree-sitter-swift. Compiling and running
# the XCTest suite needs a Mac: bindings/swift/run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/python.sh

scripts/gen-bindings.sh swift --check
# An object's values are properties, its actions methods (scripts/lib/swift_idiom.py).
grep -q '^    var state: String { get }$' bindings/swift/Sources/VippsAuth/VippsAuth.swift
grep -q '^open func serialize() -> String  {$' bindings/swift/Sources/VippsAuth/VippsAuth.swift
python_venv
"$VENV/bin/pip" install --quiet "tree-sitter>=0.23,<0.27" "tree-sitter-swift>=0.7,<0.8"
"$VENV/bin/python" bindings/swift/check_syntax.py $(find bindings/swift -name "*.swift" -not -path "*/.build/*" | sort)
